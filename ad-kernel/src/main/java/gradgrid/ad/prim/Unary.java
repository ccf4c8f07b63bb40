package gradgrid.ad.prim;

import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/**
 * A unary elementwise function from the rule table {@link UnaryFn}: {@code exp}, {@code sin},
 * {@code erf}, ... Its jvp is the tangent times the table's derivative; piecewise constant
 * functions have a symbolic zero tangent.
 */
public record Unary(UnaryFn fn) implements Primitive {
  @Override
  public String name() {
    return fn.printed();
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(1, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.map(in[0], fn::apply);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    Val d = fn.derivative(x[0], y);
    return d == null ? null : t[0].mul(d);
  }

  /** A call per element; {@code stop_gradient} is the identity, so it emits nothing. */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return fn == UnaryFn.STOP_GRADIENT ? in[0] : s.map(in[0], a -> s.call(fn, a));
  }

  /** {@code y' = f'(x) x'}, with the series of the table's derivative; zero when constant. */
  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    if (fn.piecewiseConstant()) {
      return m -> null;
    }
    Series d = c.of(v -> fn.derivative(v[0], v[1]), x[0], y);
    return m -> Series.chain(m, x, new Series[] {d});
  }
}
