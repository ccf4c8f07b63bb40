package gradgrid.job.extrema;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.run.FunctionProviders;
import java.util.List;

/**
 * f, f' and f'' of a one-axis sweep as functions of the axis alone (the other inputs fixed to their
 * values with the ad-kernel's {@code AD.fix}, as the sweep's kernel has them), evaluated by the AD
 * library's interpreter: {@code f' = grad(f)}, {@code f'' = grad(grad(f))}.
 */
public final class SweepFunction {
  private final Fn f;
  private final Fn d1;
  private final Fn d2;

  /**
   * Wraps a traced function of one scalar.
   *
   * @param f the function of the swept input alone
   */
  public SweepFunction(Fn f) {
    this.f = f;
    this.d1 = AD.grad(f);
    this.d2 = AD.grad(d1);
  }

  /**
   * The function of a sweep over one scalar input: the sweep's own function (the built-in {@code
   * rational}, a text expression, any provider with a traced form), rebuilt from the conf, with the
   * other inputs bound.
   *
   * @param spec the sweep
   * @param providers the function providers the sweep was loaded with
   * @return the function of the swept input
   * @throws ConfException if the sweep is sampled, has more than one axis, an element axis, or a
   *     function without a traced form
   */
  public static SweepFunction of(SweepSpec spec, FunctionProviders providers) {
    List<Axis> axes = spec.grid().axes();
    if (spec.grid().samples().isPresent()) {
      throw new ConfException(
          "extrema needs a grid sweep over one scalar input (like x); this one is sampled");
    }
    if (axes.size() != 1 || !(axes.get(0).input() instanceof AxisInput.Whole)) {
      throw new ConfException(
          "extrema needs a sweep over one scalar input (like x); this one has "
              + axes.size()
              + " axes");
    }
    Fn f = providers.traced(spec);
    for (InputBinding in : spec.inputs()) {
      f = in.bind(f);
    }
    return new SweepFunction(f);
  }

  /**
   * f at x.
   *
   * @param x the swept input
   * @return f
   */
  public double f(double x) {
    return at(f, x);
  }

  /**
   * f' at x.
   *
   * @param x the swept input
   * @return df/dx
   */
  public double d1(double x) {
    return at(d1, x);
  }

  /**
   * f'' at x.
   *
   * @param x the swept input
   * @return d2f/dx2
   */
  public double d2(double x) {
    return at(d2, x);
  }

  private static double at(Fn fn, double x) {
    return fn.callScalar(new double[] {x});
  }
}
