package gradgrid.job.source;

import java.util.function.DoublePredicate;

/**
 * A condition on the values of one axis, built from comparisons with constants: the test, and the
 * constants it compares with. On a non-decreasing axis the test is constant between consecutive
 * occurrences of those constants, which is what lets {@link AxisPositions} find the kept positions
 * by binary search instead of by looking at every point.
 *
 * @param axis the axis index in the grid
 * @param test the condition on a value
 * @param constants every constant the test compares with
 */
record AxisPredicate(int axis, DoublePredicate test, double[] constants) {
  /**
   * Both conditions (on the same axis).
   *
   * @param o the other condition
   * @return this and {@code o}
   */
  AxisPredicate and(AxisPredicate o) {
    return new AxisPredicate(axis, test.and(o.test), concat(constants, o.constants));
  }

  /**
   * Either condition (on the same axis).
   *
   * @param o the other condition
   * @return this or {@code o}
   */
  AxisPredicate or(AxisPredicate o) {
    return new AxisPredicate(axis, test.or(o.test), concat(constants, o.constants));
  }

  /**
   * The opposite condition (axis values are never null, so SQL's three-valued logic does not
   * arise).
   *
   * @return not this
   */
  AxisPredicate negate() {
    return new AxisPredicate(axis, test.negate(), constants);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = new double[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
