package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Contour lines against fields whose level sets are known in closed form. */
class ContoursTest {
  private static final double X0 = -2;
  private static final double X1 = 2;
  private static final int N = 40;

  /** v[j][i] = g(x, y) at the centre of cell (i, j) of [-2, 2]^2. */
  private static double[][] field(java.util.function.DoubleBinaryOperator g) {
    double[][] v = new double[N][N];
    double d = (X1 - X0) / N;
    for (int j = 0; j < N; j++) {
      for (int i = 0; i < N; i++) {
        v[j][i] = g.applyAsDouble(X0 + (i + 0.5) * d, X0 + (j + 0.5) * d);
      }
    }
    return v;
  }

  @Test
  void levelsAreEvenlyInside() {
    assertArrayEquals(new double[] {1, 2, 3}, Contours.levels(0, 4, 3), 1e-12);
  }

  @Test
  void aPlaneHasStraightContoursAtTheLevel() {
    // v = x + 2y: linear interpolation is exact, so every point lies on x + 2y = 0.7.
    double[][] seg = Contours.segments(field((x, y) -> x + 2 * y), X0, X1, X0, X1, 0.7);
    int points = 0;
    for (int k = 0; k < seg[0].length; k++) {
      if (!Double.isNaN(seg[0][k])) {
        assertEquals(0.7, seg[0][k] + 2 * seg[1][k], 1e-12);
        points++;
      } else {
        assertTrue(Double.isNaN(seg[1][k]));
      }
    }
    assertTrue(points > 40, points + " points");
    assertEquals(0, seg[0].length % 3, "pairs each followed by a NaN break");
  }

  @Test
  void aParaboloidHasCircularContours() {
    // v = x^2 + y^2, level 1: the unit circle, within the interpolation error h^2/4 (h = 0.1).
    double[][] seg = Contours.segments(field((x, y) -> x * x + y * y), X0, X1, X0, X1, 1);
    double maxErr = 0;
    int points = 0;
    for (int k = 0; k < seg[0].length; k++) {
      if (!Double.isNaN(seg[0][k])) {
        maxErr = Math.max(maxErr, Math.abs(Math.hypot(seg[0][k], seg[1][k]) - 1));
        points++;
      }
    }
    assertTrue(maxErr < 0.0025 + 1e-12, "radius error " + maxErr);
    assertTrue(points > 2 * Math.PI / 0.1, points + " points"); // about one per cell crossed
  }

  @Test
  void squaresWithAnEmptyCellAreSkipped() {
    double[][] v = field((x, y) -> x);
    for (double[] row : v) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    assertEquals(0, Contours.segments(v, X0, X1, X0, X1, 0)[0].length);
  }
}
