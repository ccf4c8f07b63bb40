package gradgrid.ad.prim;

import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;

/**
 * Elementwise {@code max(a, b)} ({@link Math#max}: NaN if either is NaN, {@code +0.0 > -0.0}). At a
 * tie the derivative is shared evenly, {@code (da + db) / 2}, as in JAX; so {@code max(x, -x) =
 * |x|} has derivative 0 at 0. {@code min(a, b)} is built as {@code -max(-a, -b)}.
 */
public record Max() implements Primitive {
  @Override
  public String name() {
    return "max";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(2, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.zip(in[0], in[1], Math::max);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    // a > b ? da : (b > a ? db : (da + db) / 2)
    Val da = t[0] == null ? y.zeros() : t[0];
    Val db = t[1] == null ? y.zeros() : t[1];
    Val tie = Val.addTangents(t[0], t[1]).mul(0.5);
    return Val.select(x[0].gt(x[1]), da, Val.select(x[1].gt(x[0]), db, tie));
  }
}
