package gradgrid.ad.linalg;

import java.util.Arrays;

/**
 * Eigenvalues of a symmetric matrix by cyclic Jacobi rotations: the pure-Java fallback for LAPACK,
 * accurate to a few ulps of the matrix norm and fast enough for the small Hessians of a sweep.
 */
public final class Jacobi {
  private static final int MAX_SWEEPS = 100;

  private Jacobi() {}

  /** The eigenvalues, ascending, of the symmetric n by n row-major matrix {@code a}. */
  public static double[] eigenvalues(double[] a, int n) {
    double[] m = a.clone();
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double norm = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double v = m[i * n + j] * m[i * n + j];
          norm += v;
          if (i != j) {
            off += v;
          }
        }
      }
      if (off <= 1e-30 * norm || off == 0) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(m, n, p, q);
        }
      }
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = m[i * n + i];
    }
    Arrays.sort(w);
    return w;
  }

  /** One rotation zeroing m[p][q] (Golub and Van Loan, Algorithm 8.4.1). */
  private static void rotate(double[] m, int n, int p, int q) {
    double apq = m[p * n + q];
    if (apq == 0) {
      return;
    }
    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int k = 0; k < n; k++) {
      double mkp = m[k * n + p];
      double mkq = m[k * n + q];
      m[k * n + p] = c * mkp - s * mkq;
      m[k * n + q] = s * mkp + c * mkq;
    }
    for (int k = 0; k < n; k++) {
      double mpk = m[p * n + k];
      double mqk = m[q * n + k];
      m[p * n + k] = c * mpk - s * mqk;
      m[q * n + k] = s * mpk + c * mqk;
    }
  }
}
