package gradgrid.ad.prim;

import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;

/** Elementwise cosine. */
public record Cos() implements Primitive {
  @Override
  public String name() {
    return "cos";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(1, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.map(in[0], Math::cos);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0] == null ? null : t[0].mul(x[0].sin().neg());
  }
}
