package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/** The sum of all elements, added left to right; linear, its transpose is {@link Broadcast}. */
public record Sum() implements Primitive {
  @Override
  public String name() {
    return "sum";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 1) {
      throw new AdException("sum takes one argument");
    }
    return Shape.SCALAR;
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    double s = in[0][0];
    for (int k = 1; k < in[0].length; k++) {
      s += in[0][k];
    }
    return new double[] {s};
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0].sum();
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    return new Val[] {ct.broadcast(shapes[0])};
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return new int[] {s.sum(in[0])};
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> x[0].coeff(m) == null ? null : x[0].coeff(m).sum();
  }
}
