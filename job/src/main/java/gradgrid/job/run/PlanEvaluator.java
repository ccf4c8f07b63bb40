package gradgrid.job.run;

import gradgrid.ad.linalg.Linalg;
import java.util.Arrays;

/**
 * A {@link BatchEvaluator} over an {@link AdPlan}: runs the raw kernel, then turns raw columns into
 * output columns. Without eigenvalue requests the two layouts coincide and the kernel writes the
 * output columns directly; otherwise the kernel writes scratch columns, plain requests are copied,
 * and Hessian blocks are assembled and diagonalised row by row with the ad-kernel's {@link
 * Linalg#eigvalsh} (LAPACK {@code dsyev} under jblas's JVM-wide lock, pure-Java Jacobi when natives
 * are unavailable). Measured for a 12 x 12 Hessian on two threads: about 10 us a row through LAPACK
 * under the lock against about 25 us for Jacobi, so the native call wins despite the lock.
 */
final class PlanEvaluator implements BatchEvaluator {
  private final AdPlan plan;
  private final RawKernel kernel;
  private final boolean direct;
  private final double[] matrix;
  private final int maxN;
  private double[][] raw = new double[0][];

  PlanEvaluator(AdPlan plan, RawKernel kernel) {
    this.plan = plan;
    this.kernel = kernel;
    this.direct = !plan.needsPostProcessing();
    int maxN = 0;
    for (int k = 0; k < plan.sizes().length; k++) {
      if (plan.blockWidths()[k] != null) {
        maxN = Math.max(maxN, plan.sizes()[k]);
      }
    }
    this.maxN = maxN;
    this.matrix = new double[maxN * maxN];
  }

  @Override
  public void evaluate(double[][] inputs, double[][] outputs, int n) {
    if (direct) {
      kernel.run(inputs, outputs, n);
      return;
    }
    if (raw.length == 0 || raw[0].length < n) {
      raw = new double[plan.rawWidth()][n];
    }
    kernel.run(inputs, raw, n);
    int out = 0;
    int rawCol = 0;
    for (int k = 0; k < plan.sizes().length; k++) {
      int size = plan.sizes()[k];
      int[] widths = plan.blockWidths()[k];
      if (widths == null) {
        for (int c = 0; c < size; c++) {
          System.arraycopy(raw[rawCol++], 0, outputs[out++], 0, n);
        }
        continue;
      }
      for (int r = 0; r < n; r++) {
        // Blocks (i, j) arrive in row-major block order, each row-major: place them in the matrix.
        int col = rawCol;
        int rowOff = 0;
        for (int bi = 0; bi < widths.length; bi++) {
          int colOff = 0;
          for (int bj = 0; bj < widths.length; bj++) {
            for (int a = 0; a < widths[bi]; a++) {
              for (int b = 0; b < widths[bj]; b++) {
                matrix[(rowOff + a) * size + colOff + b] = raw[col++][r];
              }
            }
            colOff += widths[bj];
          }
          rowOff += widths[bi];
        }
        double[] eigen =
            Linalg.eigvalsh(size == maxN ? matrix : Arrays.copyOf(matrix, size * size), size);
        for (int e = 0; e < size; e++) {
          outputs[out + e][r] = eigen[e];
        }
      }
      rawCol += size * size;
      out += size;
    }
  }
}
