package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/**
 * Matrix times vector, {@code y_i = sum_k W_ik x_k}, each sum accumulated left to right from the
 * first product; linear in either argument when the other is held fixed.
 */
public record MatVec() implements Primitive {
  @Override
  public String name() {
    return "matvec";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 2 || in[0].rank() != 2 || in[1].rank() != 1 || in[0].dim(1) != in[1].dim(0)) {
      throw new AdException("matvec needs a matrix f64[m,n] and a vector f64[n]");
    }
    return Shape.vector(in[0].dim(0));
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    int m = shapes[0].dim(0);
    int n = shapes[0].dim(1);
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      double s = in[0][i * n] * in[1][0];
      for (int k = 1; k < n; k++) {
        s += in[0][i * n + k] * in[1][k];
      }
      y[i] = s;
    }
    return y;
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    // d(W x) = dW x + W dx
    return Val.addTangents(
        t[0] == null ? null : t[0].matvec(x[1]), t[1] == null ? null : x[0].matvec(t[1]));
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    if (linear[0] && linear[1]) {
      throw new AdException("matvec of two tangents is not linear");
    }
    // ct_W = ct x^T ; ct_x = W^T ct
    return linear[0]
        ? new Val[] {Val.outer(ct, x[1]), null}
        : new Val[] {null, x[0].t().matvec(ct)};
  }

  /**
   * A constant matrix batched over a tile when the compiler finds it large enough; otherwise each
   * output element is the scalar dot product, summed as {@link #eval} sums.
   */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    if (e.inputs().get(0) instanceof Lit w) {
      int[] batched = s.batchedMatVec(w, in[1]);
      if (batched != null) {
        return batched;
      }
    }
    Shape ws = e.inputs().get(0).shape();
    int m = ws.dim(0);
    int n = ws.dim(1);
    int[] r = new int[m];
    for (int i = 0; i < m; i++) {
      int[] terms = new int[n];
      for (int k = 0; k < n; k++) {
        terms[k] = s.mul(in[0][i * n + k], in[1][k]);
      }
      r[i] = s.sum(terms);
    }
    return r;
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> Series.cauchy(m, x[0], x[1], Val::matvec);
  }
}
