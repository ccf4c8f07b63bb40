package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/**
 * Inner product of two vectors of one length, accumulated left to right from the first product;
 * linear in either vector when the other is held fixed.
 */
public record Dot() implements Primitive {
  @Override
  public String name() {
    return "dot";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 2 || in[0].rank() != 1 || !in[0].equals(in[1])) {
      throw new AdException("dot needs two vectors of the same length");
    }
    return Shape.SCALAR;
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    double s = in[0][0] * in[1][0];
    for (int k = 1; k < in[0].length; k++) {
      s += in[0][k] * in[1][k];
    }
    return new double[] {s};
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return Val.addTangents(
        t[0] == null ? null : t[0].dot(x[1]), t[1] == null ? null : x[0].dot(t[1]));
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    if (linear[0] && linear[1]) {
      throw new AdException("dot of two tangents is not linear");
    }
    return linear[0] ? new Val[] {x[1].mul(ct), null} : new Val[] {null, x[0].mul(ct)};
  }

  @Override
  public boolean commutative() {
    return true;
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return new int[] {s.sum(s.zip(in[0], in[1], s::mul))};
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> Series.cauchy(m, x[0], x[1], Val::dot);
  }
}
