package gradgrid.ad.prim;

import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/** Elementwise {@code 1 / a}; division is mul of recip. */
public record Recip() implements Primitive {
  @Override
  public String name() {
    return "recip";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(1, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.map(in[0], a -> 1.0 / a);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    // d(1/x) = -t / x^2 = -t y^2
    return t[0].mul(y.mul(y).neg());
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return s.map(in[0], s::recip);
  }

  /** From {@code x y = 1}: {@code y_m = -y_0 sum_(i=1..m) x_i y_(m-i)}. */
  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> {
      Val s = null;
      for (int i = 1; i <= m; i++) {
        Val xi = x[0].coeff(i);
        Val yi = xi == null ? null : y.coeff(m - i);
        if (yi != null) {
          s = Val.addTangents(s, xi.mul(yi));
        }
      }
      return s == null ? null : s.mul(y.coeff(0)).neg();
    };
  }
}
