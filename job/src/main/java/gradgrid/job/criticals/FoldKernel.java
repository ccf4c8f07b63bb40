package gradgrid.job.criticals;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.grid.Axis;
import java.util.ArrayList;
import java.util.List;

/**
 * Newton's method on the 2 x 2 system {@code (f', f'') = 0} in the scanned input x and one outer
 * coordinate c, the other coordinates held: a fold point, where a maximum and a minimum of f meet.
 * The Jacobian {@code [[f'', df'/dc], [f''', df''/dc]]} comes from the AD transforms of the sweep's
 * function with the fixed inputs bound (x derivatives to the third order, and the c derivative of
 * f' and f'' for each axis), compiled once; the solver runs on the driver.
 */
public final class FoldKernel {
  private static final int MAX_STEPS = 50;

  private final Kernel kernel;
  private final int inner;
  private final double[][] in;
  private final double[][] out;

  /**
   * Differentiates, binds and compiles.
   *
   * @param f the traced scalar function of the sweep's parameters
   * @param inputs how each parameter is set, in call order (the scanned one fixed)
   * @param spec the critical-points output
   * @param grid the sweep's axes, in grid order
   */
  public FoldKernel(
      Fn f, List<InputBinding> inputs, OutputSpec.CriticalPoints spec, List<Axis> grid) {
    Fn g = CriticalPointKernel.bind(f, inputs, spec.param());
    int x = g.paramIndex(spec.param());
    Fn d1 = AD.derivative(g, x, 1);
    Fn d2 = AD.derivative(g, x, 2);
    List<Fn> parts = new ArrayList<>(List.of(d1, d2, AD.derivative(g, x, 3)));
    for (Axis a : grid) {
      int c = g.paramIndex(a.column());
      parts.add(AD.derivative(d1, c, 1));
      parts.add(AD.derivative(d2, c, 1));
    }
    Fn all = AD.simplify(Fn.concat(f.name() + "_fold", parts.toArray(new Fn[0])));
    this.kernel = Jit.compile(all);
    this.inner = x;
    this.in = new double[kernel.inputWidth()][1];
    this.out = new double[kernel.outputWidth()][1];
  }

  /**
   * Solves for a fold point from a starting guess.
   *
   * @param x0 the starting x
   * @param outer0 the starting outer coordinates, in grid order
   * @param axis the coordinate solved for (the others stay)
   * @return the point, or null when Newton's steps do not settle within 50 steps
   */
  public FoldPoint solve(double x0, double[] outer0, int axis) {
    double x = x0;
    double[] c = outer0.clone();
    for (int step = 0; step < MAX_STEPS; step++) {
      eval(x, c);
      double g1 = out[0][0];
      double g2 = out[1][0];
      double g3 = out[2][0];
      double g1c = out[3 + 2 * axis][0];
      double g2c = out[4 + 2 * axis][0];
      // [[g2, g1c], [g3, g2c]] (dx, dc) = -(g1, g2)
      double det = g2 * g2c - g1c * g3;
      double dx = (g2 * g1c - g1 * g2c) / det;
      double dc = (g3 * g1 - g2 * g2) / det;
      if (!Double.isFinite(dx) || !Double.isFinite(dc)) {
        return null;
      }
      x += dx;
      c[axis] += dc;
      if (Math.abs(dx) <= 1e-12 * (1 + Math.abs(x))
          && Math.abs(dc) <= 1e-12 * (1 + Math.abs(c[axis]))) {
        eval(x, c);
        return new FoldPoint(x, c, out[0][0], out[1][0]);
      }
    }
    return null;
  }

  private void eval(double x, double[] outer) {
    for (int k = 0, a = 0; k < in.length; k++) {
      in[k][0] = k == inner ? x : outer[a++];
    }
    kernel.run(in, out, 0, 1);
  }
}
