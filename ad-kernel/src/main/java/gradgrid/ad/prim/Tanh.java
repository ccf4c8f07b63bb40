package gradgrid.ad.prim;

import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;

/** Elementwise hyperbolic tangent. */
public record Tanh() implements Primitive {
  @Override
  public String name() {
    return "tanh";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(1, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.map(in[0], Math::tanh);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    // d tanh x = (1 - tanh^2 x) t
    return t[0] == null ? null : t[0].mul(y.mul(y).neg().add(1.0));
  }
}
