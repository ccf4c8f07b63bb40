package gradgrid.ad.prim;

import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;

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
}
