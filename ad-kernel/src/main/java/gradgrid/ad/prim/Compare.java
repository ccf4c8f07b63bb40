package gradgrid.ad.prim;

import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/**
 * Elementwise comparison giving 1.0 (true) or 0.0 (false); any comparison with NaN is false except
 * {@code ne}. Piecewise constant, so its tangent is a symbolic zero.
 */
public record Compare(Op op) implements Primitive {
  /** The comparison operators. */
  public enum Op {
    LT,
    LE,
    GT,
    GE,
    EQ,
    NE;

    boolean test(double a, double b) {
      return switch (this) {
        case LT -> a < b;
        case LE -> a <= b;
        case GT -> a > b;
        case GE -> a >= b;
        case EQ -> a == b;
        case NE -> a != b;
      };
    }
  }

  @Override
  public String name() {
    return op.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(2, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.zip(in[0], in[1], (a, b) -> op.test(a, b) ? 1.0 : 0.0);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return null;
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return s.zip(in[0], in[1], (a, b) -> s.compare(op, a, b));
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> null;
  }
}
