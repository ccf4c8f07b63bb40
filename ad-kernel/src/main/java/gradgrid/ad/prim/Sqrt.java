package gradgrid.ad.prim;

import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;

/** Elementwise square root; its derivative at 0 is +infinity, as in JAX. */
public record Sqrt() implements Primitive {
  @Override
  public String name() {
    return "sqrt";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(1, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.map(in[0], Math::sqrt);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    // d sqrt x = t / (2 sqrt x)
    return t[0] == null ? null : t[0].mul(y.recip().mul(0.5));
  }
}
