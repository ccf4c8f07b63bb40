package gradgrid.ad.testing;

import static org.junit.jupiter.api.Assertions.fail;

/** Tolerance checks shared by the tests: relative error against a stated scale. */
public final class Close {
  private Close() {}

  /**
   * Asserts {@code |actual - expected| <= tol * (1 + |expected|)}: relative, and absolute near 0.
   */
  public static void assertClose(double expected, double actual, double tol, String what) {
    within(expected, actual, tol * (1 + Math.abs(expected)), what);
  }

  /**
   * Asserts {@code |actual - expected| <= rel * max(|expected|, scale)}. {@code scale} is the size
   * of the largest term the expected value was computed from, so a result that cancels is judged
   * against the precision its inputs allow.
   */
  public static void assertClose(
      double expected, double actual, double rel, double scale, String what) {
    within(expected, actual, rel * Math.max(Math.abs(expected), scale), what);
  }

  private static void within(double expected, double actual, double bound, String what) {
    if (!(Math.abs(actual - expected) <= bound)) {
      fail(
          what
              + ": expected "
              + expected
              + " but got "
              + actual
              + " (|diff| "
              + Math.abs(actual - expected)
              + " > "
              + bound
              + ")");
    }
  }
}
