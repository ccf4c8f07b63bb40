package gradgrid.ad.prim;

import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;

/** Elementwise {@code e^a}. */
public record Exp() implements Primitive {
  @Override
  public String name() {
    return "exp";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(1, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.map(in[0], Math::exp);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0] == null ? null : t[0].mul(y);
  }
}
