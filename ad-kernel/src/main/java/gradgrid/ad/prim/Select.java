package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/**
 * Elementwise {@code p != 0 ? a : b} (JAX's {@code where}); linear in {@code a} and {@code b}. The
 * derivative follows the chosen branch, so at a tie it is the derivative of that branch.
 */
public record Select() implements Primitive {
  @Override
  public String name() {
    return "select";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(3, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    double[] r = new double[in[0].length];
    for (int i = 0; i < r.length; i++) {
      r[i] = in[0][i] != 0.0 ? in[1][i] : in[2][i];
    }
    return r;
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    if (t[1] == null && t[2] == null) {
      return null;
    }
    Val zero = y.zeros();
    return Val.select(x[0], t[1] == null ? zero : t[1], t[2] == null ? zero : t[2]);
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    if (linear[0]) {
      throw new AdException("select is not linear in its predicate");
    }
    Val zero = ct.zeros();
    return new Val[] {
      null,
      linear[1] ? Val.select(x[0], ct, zero) : null,
      linear[2] ? Val.select(x[0], zero, ct) : null
    };
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    int[] r = new int[in[0].length];
    for (int k = 0; k < r.length; k++) {
      r[k] = s.select(in[0][k], in[1][k], in[2][k]);
    }
    return r;
  }

  /** The branch the primal values choose, coefficient by coefficient. */
  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> {
      Val a = x[1].coeff(m);
      Val b = x[2].coeff(m);
      if (a == null && b == null) {
        return null;
      }
      Val zero = y.coeff(0).zeros();
      return Val.select(x[0].coeff(0), a == null ? zero : a, b == null ? zero : b);
    };
  }
}
