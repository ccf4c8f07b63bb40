package gradgrid.job.criticals;

/**
 * A refined critical point of f.
 *
 * @param x where f' is 0 (to {@code |f'| < 1e-12} when {@code converged})
 * @param f f at x
 * @param d1 f' at x (the residual)
 * @param d2 f'' at x
 * @param converged whether {@code |f'| < 1e-12} was reached
 */
public record CriticalPoint(double x, double f, double d1, double d2, boolean converged) {
  /** Below this |f| a critical point lies in a flat region and is not counted. */
  public static final double FLAT = 1e-6;

  /**
   * {@code minimum} if f'' is positive, {@code maximum} if negative, else {@code degenerate}.
   *
   * @return the kind
   */
  public String kind() {
    return d2 > 0 ? "minimum" : d2 < 0 ? "maximum" : "degenerate";
  }

  /**
   * Whether the point lies in a flat region ({@code |f| < 1e-6}).
   *
   * @return true if flat
   */
  public boolean flat() {
    return Math.abs(f) < FLAT;
  }

  /**
   * Whether the point counts as a local extremum: not flat, and f'' not 0.
   *
   * @return true if counted
   */
  public boolean counted() {
    return !flat() && d2 != 0;
  }
}
