package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/**
 * Outer product {@code r_ij = a_i b_j} of two vectors; linear in either when the other is fixed.
 */
public record Outer() implements Primitive {
  @Override
  public String name() {
    return "outer";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 2 || in[0].rank() != 1 || in[1].rank() != 1) {
      throw new AdException("outer needs two vectors");
    }
    return Shape.matrix(in[0].dim(0), in[1].dim(0));
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    int n = in[1].length;
    double[] r = new double[in[0].length * n];
    for (int i = 0; i < in[0].length; i++) {
      for (int j = 0; j < n; j++) {
        r[i * n + j] = in[0][i] * in[1][j];
      }
    }
    return r;
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return Val.addTangents(
        t[0] == null ? null : Val.outer(t[0], x[1]), t[1] == null ? null : Val.outer(x[0], t[1]));
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    if (linear[0] && linear[1]) {
      throw new AdException("outer of two tangents is not linear");
    }
    // ct_a = ct b ; ct_b = ct^T a
    return linear[0] ? new Val[] {ct.matvec(x[1]), null} : new Val[] {null, ct.t().matvec(x[0])};
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    int n = in[1].length;
    int[] r = new int[in[0].length * n];
    for (int i = 0; i < in[0].length; i++) {
      for (int j = 0; j < n; j++) {
        r[i * n + j] = s.mul(in[0][i], in[1][j]);
      }
    }
    return r;
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> Series.cauchy(m, x[0], x[1], Val::outer);
  }
}
