package gradgrid.job.run;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a sweep's fixed inputs into its function as literals (as {@code Jit.bind} does for a whole
 * parameter), so the compiled kernel reads only the axis columns and computes everything that
 * depends on fixed values alone once, at compile time: an x-sweep with fixed coefficients reads one
 * input column, not thirteen.
 *
 * <p>The bound function has one scalar parameter per grid axis, in grid order, named by the axis
 * column ({@code x}, {@code alpha_1}). A vector with some elements on axes becomes a stack of
 * literals and those parameters. Binding happens after the AD transforms, so derivatives with
 * respect to fixed inputs are still computed; only their evaluation sees literals.
 */
final class FixedInputs {
  private FixedInputs() {}

  /**
   * The function of the axes alone.
   *
   * @param fn a function of the sweep's parameters (in call order)
   * @param spec the sweep (fixed values and axes)
   * @return the bound, simplified function, or null when the sweep has no axes
   */
  static Fn bind(Fn fn, SweepSpec spec) {
    List<Axis> axes = spec.grid().axes();
    if (axes.isEmpty()) {
      return null;
    }
    List<Param> params = new ArrayList<>();
    for (Axis a : axes) {
      params.add(Param.scalar(a.column()));
    }
    List<Param> inputs = spec.params();
    Fn bound =
        Fn.traceMany(
            fn.name() + "[fixed inputs]",
            params,
            fn.outputNames(),
            axisVals -> {
              Val[] args = new Val[inputs.size()];
              for (int i = 0; i < args.length; i++) {
                args[i] = argument(inputs.get(i), spec, axes, axisVals);
              }
              return fn.apply(args);
            });
    return AD.simplify(bound);
  }

  /**
   * For each axis, in grid order, the input column it drives in the full column layout of {@link
   * BatchEvaluator} (one column per element of every parameter, in call order).
   *
   * @param spec the sweep
   * @return the column index of each axis
   */
  static int[] axisColumns(SweepSpec spec) {
    List<Axis> axes = spec.grid().axes();
    int[] cols = new int[axes.size()];
    for (int a = 0; a < cols.length; a++) {
      int offset = 0;
      for (Param p : spec.params()) {
        if (p.name().equals(axes.get(a).param())) {
          break;
        }
        offset += p.shape().size();
      }
      cols[a] = offset + Math.max(0, axes.get(a).element());
    }
    return cols;
  }

  private static Val argument(Param p, SweepSpec spec, List<Axis> axes, Val[] axisVals) {
    var b = axisVals[0].builder();
    double[] fixed = spec.fixed().get(p.name());
    Val[] elements = new Val[p.shape().size()];
    boolean anyAxis = false;
    for (int a = 0; a < axes.size(); a++) {
      if (axes.get(a).param().equals(p.name())) {
        elements[Math.max(0, axes.get(a).element())] = axisVals[a];
        anyAxis = true;
      }
    }
    if (!anyAxis) {
      Shape s = p.shape().isScalar() ? Shape.SCALAR : Shape.vector(p.shape().size());
      return new Val(b, new Lit(s, fixed));
    }
    if (p.shape().isScalar()) {
      return elements[0];
    }
    for (int e = 0; e < elements.length; e++) {
      if (elements[e] == null) {
        elements[e] = new Val(b, Lit.scalar(fixed[e]));
      }
    }
    return Val.stack(elements);
  }
}
