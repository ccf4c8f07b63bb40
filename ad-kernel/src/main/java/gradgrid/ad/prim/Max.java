package gradgrid.ad.prim;

import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

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

  /**
   * Compiled as comparisons and selects, exactly {@link Math#max}: the larger; at a tie a (both
   * zeros: a + b, which is +0.0 unless both are -0.0); when neither compares (a NaN), a + b, a NaN.
   * So a kernel calls no evaluator and allocates nothing per row.
   */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    int zero = s.constant(0.0);
    return s.zip(
        in[0],
        in[1],
        (a, b) -> {
          int sum = s.add(a, b);
          int tie = s.select(s.compare(Compare.Op.EQ, a, zero), sum, a);
          int rest = s.select(s.compare(Compare.Op.EQ, a, b), tie, sum);
          int below = s.select(s.compare(Compare.Op.GT, b, a), b, rest);
          return s.select(s.compare(Compare.Op.GT, a, b), a, below);
        });
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    // a > b ? da : (b > a ? db : (da + db) / 2)
    Val da = t[0] == null ? y.zeros() : t[0];
    Val db = t[1] == null ? y.zeros() : t[1];
    Val tie = Val.addTangents(t[0], t[1]).mul(0.5);
    return Val.select(x[0].gt(x[1]), da, Val.select(x[1].gt(x[0]), db, tie));
  }

  /** As the jvp rule, coefficient by coefficient: the larger primal's, half each at a tie. */
  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    Val a0 = x[0].coeff(0);
    Val b0 = x[1].coeff(0);
    return m -> {
      Val a = x[0].coeff(m);
      Val b = x[1].coeff(m);
      if (a == null && b == null) {
        return null;
      }
      Val zero = y.coeff(0).zeros();
      Val tie = Val.addTangents(a, b).mul(0.5);
      return Val.select(
          a0.gt(b0), a == null ? zero : a, Val.select(b0.gt(a0), b == null ? zero : b, tie));
    };
  }
}
