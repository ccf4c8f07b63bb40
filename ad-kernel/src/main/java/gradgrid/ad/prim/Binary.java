package gradgrid.ad.prim;

import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/**
 * A binary elementwise function from the rule table {@link BinaryFn}: {@code pow}, {@code atan2}.
 */
public record Binary(BinaryFn fn) implements Primitive {
  @Override
  public String name() {
    return fn.printed();
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(2, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.zip(in[0], in[1], fn::apply);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    Val da = t[0] == null ? null : t[0].mul(fn.da(x[0], x[1], y));
    Val db = t[1] == null ? null : t[1].mul(fn.db(x[0], x[1], y));
    return Val.addTangents(da, db);
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return s.zip(in[0], in[1], (a, b) -> s.call(fn, a, b));
  }

  /** {@code y' = y_a a' + y_b b'}, with the series of the table's partial derivatives. */
  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    Series da = c.of(v -> fn.da(v[0], v[1], v[2]), x[0], x[1], y);
    Series db = c.of(v -> fn.db(v[0], v[1], v[2]), x[0], x[1], y);
    return m -> Series.chain(m, x, new Series[] {da, db});
  }
}
