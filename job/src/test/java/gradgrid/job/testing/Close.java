package gradgrid.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Relative-and-absolute tolerance comparison for doubles. */
public final class Close {
  private Close() {}

  /**
   * Asserts |expected - actual| <= tol * (1 + |expected|).
   *
   * @param expected the oracle value
   * @param actual the value under test
   * @param tol the tolerance
   * @param what a label for the failure message
   */
  public static void assertClose(double expected, double actual, double tol, String what) {
    assertEquals(expected, actual, tol * (1 + Math.abs(expected)), what);
  }
}
