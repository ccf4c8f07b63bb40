package gradgrid.job.criticals;

/**
 * Neighbouring grid points between which f' changes sign; {@code left == right} when f' is exactly
 * 0 at a grid point between values of opposite sign.
 *
 * @param left the left grid point
 * @param right the right grid point
 * @param dLeft f' at {@code left}
 * @param dRight f' at {@code right}
 */
public record Bracket(double left, double right, double dLeft, double dRight) {}
