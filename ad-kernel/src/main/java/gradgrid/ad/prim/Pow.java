package gradgrid.ad.prim;

import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;

/** Elementwise real power {@code a^b} ({@link Math#pow}); prefer {@link IntPow} for integers. */
public record Pow() implements Primitive {
  @Override
  public String name() {
    return "pow";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(2, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.zip(in[0], in[1], Math::pow);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    // d a^b = b a^(b-1) da + log(a) a^b db
    Val da = t[0] == null ? null : t[0].mul(x[1].mul(x[0].pow(x[1].sub(1.0))));
    Val db = t[1] == null ? null : t[1].mul(x[0].log().mul(y));
    return Val.addTangents(da, db);
  }
}
