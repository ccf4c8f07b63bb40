package gradgrid.job.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
  @Test
  void matchesHipparchusOnRandomSymmetricMatrices() {
    Random rnd = new Random(42);
    for (int n : new int[] {1, 2, 5, 12}) {
      double[][] m = new double[n][n];
      double[] flat = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double v = rnd.nextGaussian() * (j == 0 ? 100 : 1);
          m[i][j] = v;
          m[j][i] = v;
        }
      }
      for (int i = 0; i < n; i++) {
        System.arraycopy(m[i], 0, flat, i * n, n);
      }
      double[] ours = new double[n];
      SymmetricEigen.eigenvalues(flat, n, ours);
      double[] ref =
          new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(m)).getEigenvalues();
      Arrays.sort(ref);
      for (int i = 0; i < n; i++) {
        assertEquals(ref[i], ours[i], 1e-10 * (1 + Math.abs(ref[i])), "n=" + n + " i=" + i);
      }
    }
  }

  @Test
  void nanGivesNan() {
    double[] out = new double[2];
    SymmetricEigen.eigenvalues(new double[] {1, Double.NaN, Double.NaN, 1}, 2, out);
    assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]));
  }
}
