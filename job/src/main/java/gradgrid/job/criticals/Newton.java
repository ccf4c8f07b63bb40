package gradgrid.job.criticals;

import java.util.function.DoubleUnaryOperator;

/**
 * Newton's method for a zero of f' inside a sign-change bracket, safeguarded by bisection: a Newton
 * step that leaves the current bracket (or meets f'' = 0) is replaced by the midpoint, and the
 * bracket shrinks around the sign change at every step.
 */
public final class Newton {
  /** The target: stop when {@code |f'| <} this. */
  public static final double TOLERANCE = 1e-12;

  private static final int MAX_STEPS = 200;

  private Newton() {}

  /**
   * Refines a bracket.
   *
   * @param d1 f'
   * @param d2 f''
   * @param b the bracket
   * @return x with {@code |f'(x)| < 1e-12}, or the best x found when the bracket shrank to
   *     neighbouring doubles first
   */
  public static double refine(DoubleUnaryOperator d1, DoubleUnaryOperator d2, Bracket b) {
    double lo = b.left();
    double hi = b.right();
    if (lo == hi) {
      return lo;
    }
    double sLo = Math.signum(b.dLeft());
    // Start where the chord of f' crosses 0.
    double x = lo + (hi - lo) * (b.dLeft() / (b.dLeft() - b.dRight()));
    if (!(x > lo && x < hi)) {
      x = 0.5 * (lo + hi);
    }
    double best = x;
    double bestAbs = Double.POSITIVE_INFINITY;
    for (int step = 0; step < MAX_STEPS; step++) {
      double g = d1.applyAsDouble(x);
      if (Math.abs(g) < bestAbs) {
        best = x;
        bestAbs = Math.abs(g);
      }
      if (Math.abs(g) < TOLERANCE) {
        return x;
      }
      if (Math.signum(g) == sLo) {
        lo = x;
      } else {
        hi = x;
      }
      double next = x - g / d2.applyAsDouble(x);
      if (!(next > lo && next < hi)) {
        next = 0.5 * (lo + hi);
      }
      if (next == x || next <= lo || next >= hi) {
        break;
      }
      x = next;
    }
    return best;
  }
}
