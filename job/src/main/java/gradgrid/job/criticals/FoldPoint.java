package gradgrid.job.criticals;

/**
 * A point of a fold curve: where f' and f'' vanish together, a maximum and a minimum of f meeting.
 *
 * @param x the scanned input there
 * @param outer the outer grid's coordinates there, in grid order (one of them solved for)
 * @param d1 f' there (the residual)
 * @param d2 f'' there (the residual)
 */
public record FoldPoint(double x, double[] outer, double d1, double d2) {
  /**
   * Copies the coordinates.
   *
   * @param x the scanned input
   * @param outer the outer coordinates
   * @param d1 f'
   * @param d2 f''
   */
  public FoldPoint {
    outer = outer.clone();
  }

  @Override
  public double[] outer() {
    return outer.clone();
  }
}
