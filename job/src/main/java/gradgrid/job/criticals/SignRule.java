package gradgrid.job.criticals;

/**
 * The one rule for where f' changes sign along a grid, used by both {@code extrema} (in Spark SQL,
 * {@link #SQL}, over the rows of a sweep) and the critical-point map's in-task scan ({@link #at},
 * over an inner grid): a sign change between neighbours brackets the pair; a grid point where f' is
 * exactly 0 between neighbours of opposite sign is a bracket of its own, counted once. Points where
 * f' is 0 next to f' of the same sign (a flat stretch, an even-order zero) bracket nothing; NaN
 * brackets nothing.
 */
public final class SignRule {
  /**
   * The rule as a Spark SQL predicate over the columns {@code pd} (f' at the previous point),
   * {@code d} (f' here) and {@code nd} (f' at the next point); null at the ends brackets nothing.
   */
  public static final String SQL =
      "signum(pd) * signum(d) < 0 OR (d = 0 AND signum(pd) * signum(nd) < 0)";

  /** No bracket at this point. */
  public static final int NONE = 0;

  /** The cell from the previous point to this one brackets a sign change. */
  public static final int CELL = 1;

  /** f' is exactly 0 at this point, between neighbours of opposite sign. */
  public static final int POINT = 2;

  private SignRule() {}

  /**
   * The rule at one grid point, the same predicate as {@link #SQL}.
   *
   * @param pd f' at the previous point
   * @param d f' at this point
   * @param nd f' at the next point, NaN at the last point
   * @return {@link #NONE}, {@link #CELL} or {@link #POINT}
   */
  public static int at(double pd, double d, double nd) {
    if (Math.signum(pd) * Math.signum(d) < 0) {
      return CELL;
    }
    return d == 0 && Math.signum(pd) * Math.signum(nd) < 0 ? POINT : NONE;
  }
}
