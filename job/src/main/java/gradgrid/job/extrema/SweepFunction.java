package gradgrid.job.extrema;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.run.FunctionProviders;
import java.util.List;

/**
 * f, f' and f'' of a one-axis sweep as functions of the axis alone (the other inputs at their fixed
 * values), evaluated by the AD library's interpreter: {@code f' = grad(f, x)}, {@code f'' =
 * grad(grad(f, x), x)}.
 */
public final class SweepFunction {
  private final Fn f;
  private final Fn d1;
  private final Fn d2;
  private final int argnum;
  private final double[][] args;

  /**
   * Wraps a traced function.
   *
   * @param f the function
   * @param argnum the index of the swept scalar input
   * @param fixed the value of every input (the swept one is overwritten per call)
   */
  public SweepFunction(Fn f, int argnum, double[][] fixed) {
    this.f = f;
    this.d1 = AD.grad(f, argnum);
    this.d2 = AD.grad(d1, argnum);
    this.argnum = argnum;
    this.args = new double[fixed.length][];
    for (int i = 0; i < fixed.length; i++) {
      args[i] = fixed[i].clone();
    }
  }

  /**
   * The function of a sweep over one scalar input: the sweep's own function (the built-in {@code
   * rational}, a text expression, any provider with a traced form), rebuilt from the conf.
   *
   * @param spec the sweep
   * @param providers the function providers the sweep was loaded with
   * @return the function of the swept input
   * @throws ConfException if the sweep has more than one axis, an element axis, or a function
   *     without a traced form
   */
  public static SweepFunction of(SweepSpec spec, FunctionProviders providers) {
    List<Axis> axes = spec.grid().axes();
    if (axes.size() != 1 || axes.get(0).element() >= 0) {
      throw new ConfException(
          "extrema needs a sweep over one scalar input (like x); this one has "
              + axes.size()
              + " axes");
    }
    List<Param> params = spec.params();
    Fn f = providers.traced(spec);
    double[][] fixed = new double[params.size()][];
    int argnum = -1;
    for (int i = 0; i < params.size(); i++) {
      fixed[i] = spec.fixed().get(params.get(i).name());
      if (params.get(i).name().equals(axes.get(0).param())) {
        argnum = i;
      }
    }
    return new SweepFunction(f, argnum, fixed);
  }

  /**
   * f at x.
   *
   * @param x the swept input
   * @return f
   */
  public synchronized double f(double x) {
    return at(f, x);
  }

  /**
   * f' at x.
   *
   * @param x the swept input
   * @return df/dx
   */
  public synchronized double d1(double x) {
    return at(d1, x);
  }

  /**
   * f'' at x.
   *
   * @param x the swept input
   * @return d2f/dx2
   */
  public synchronized double d2(double x) {
    return at(d2, x);
  }

  private double at(Fn fn, double x) {
    args[argnum] = new double[] {x};
    return fn.callScalar(args);
  }
}
