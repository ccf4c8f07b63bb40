package gradgrid.job.run;

import java.util.Arrays;

/**
 * Eigenvalues of a small dense symmetric matrix by cyclic Jacobi rotations (Hessians of a few dozen
 * inputs: exact to rounding, no native code, safe on any thread).
 */
public final class SymmetricEigen {
  private static final int MAX_SWEEPS = 100;

  private SymmetricEigen() {}

  /**
   * Computes the eigenvalues in ascending order. NaN anywhere in the matrix gives all NaN.
   *
   * @param a the matrix, row-major, {@code n * n} values (only read)
   * @param n the order
   * @param out receives the {@code n} eigenvalues, ascending
   */
  public static void eigenvalues(double[] a, int n, double[] out) {
    double[] m = Arrays.copyOf(a, n * n);
    for (double v : m) {
      if (!Double.isFinite(v)) {
        Arrays.fill(out, 0, n, Double.NaN);
        return;
      }
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += m[p * n + q] * m[p * n + q];
        }
      }
      if (off == 0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = m[p * n + q];
          if (apq == 0) {
            continue;
          }
          // Rotation that zeroes m[p][q] (Golub & Van Loan, symmetric Schur decomposition).
          double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = m[k * n + p];
            double akq = m[k * n + q];
            m[k * n + p] = c * akp - s * akq;
            m[k * n + q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = m[p * n + k];
            double aqk = m[q * n + k];
            m[p * n + k] = c * apk - s * aqk;
            m[q * n + k] = s * apk + c * aqk;
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] = m[i * n + i];
    }
    Arrays.sort(out, 0, n);
  }
}
