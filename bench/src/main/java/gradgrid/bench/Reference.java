package gradgrid.bench;

/**
 * The hand-written reference loops: Horner for P, Q and their derivatives, then the closed forms of
 * DESIGN.md (D = 1 + Q^2), over the same flat columns the kernels use.
 */
final class Reference {
  private Reference() {}

  /** f, f', f'' over the x column for fixed degree-5 coefficients a and b. */
  static void xSweep(double[] a, double[] b, double[] xs, double[][] out, int n) {
    final double a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5];
    final double b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5];
    final double[] f = out[0];
    final double[] f1 = out[1];
    final double[] f2 = out[2];
    for (int r = 0; r < n; r++) {
      double x = xs[r];
      double p = ((((a5 * x + a4) * x + a3) * x + a2) * x + a1) * x + a0;
      double p1 = (((5 * a5 * x + 4 * a4) * x + 3 * a3) * x + 2 * a2) * x + a1;
      double p2 = ((20 * a5 * x + 12 * a4) * x + 6 * a3) * x + 2 * a2;
      double q = ((((b5 * x + b4) * x + b3) * x + b2) * x + b1) * x + b0;
      double q1 = (((5 * b5 * x + 4 * b4) * x + 3 * b3) * x + 2 * b2) * x + b1;
      double q2 = ((20 * b5 * x + 12 * b4) * x + 6 * b3) * x + 2 * b2;
      double id = 1 / (1 + q * q);
      double id2 = id * id;
      f[r] = p * id;
      f1[r] = p1 * id - 2 * p * q * q1 * id2;
      f2[r] =
          p2 * id
              - 4 * p1 * q * q1 * id2
              - 2 * p * (q1 * q1 + q * q2) * id2
              + 8 * p * q * q * q1 * q1 * id2 * id;
    }
  }

  /** df/dalpha_i = x^i / D and df/dbeta_j = -2 P Q x^j / D^2 at fixed x, per coefficient row. */
  static void coefGrad(double x, double[][] in, double[][] out, int n) {
    final double x1 = x, x2 = x * x, x3 = x2 * x, x4 = x2 * x2, x5 = x4 * x;
    final double[] a0 = in[0], a1 = in[1], a2 = in[2], a3 = in[3], a4 = in[4], a5 = in[5];
    final double[] b0 = in[6], b1 = in[7], b2 = in[8], b3 = in[9], b4 = in[10], b5 = in[11];
    for (int r = 0; r < n; r++) {
      double p = a0[r] + a1[r] * x1 + a2[r] * x2 + a3[r] * x3 + a4[r] * x4 + a5[r] * x5;
      double q = b0[r] + b1[r] * x1 + b2[r] * x2 + b3[r] * x3 + b4[r] * x4 + b5[r] * x5;
      double id = 1 / (1 + q * q);
      double c = -2 * p * q * id * id;
      out[0][r] = id;
      out[1][r] = x1 * id;
      out[2][r] = x2 * id;
      out[3][r] = x3 * id;
      out[4][r] = x4 * id;
      out[5][r] = x5 * id;
      out[6][r] = c;
      out[7][r] = x1 * c;
      out[8][r] = x2 * c;
      out[9][r] = x3 * c;
      out[10][r] = x4 * c;
      out[11][r] = x5 * c;
    }
  }

  /**
   * The 78 unique coefficient-Hessian entries at fixed x, upper triangle row-major over (alpha,
   * beta): 0 for alpha-alpha, -2 Q x^(i+j) / D^2 for alpha-beta, 2 P x^(j+k) (3 Q^2 - 1) / D^3 for
   * beta-beta. Two per-row factors first, then one vectorisable loop per output column; {@code ab}
   * and {@code bb} are scratch of at least n rows.
   */
  static void coefHessian(
      double x, double[][] in, double[][] out, int n, double[] ab, double[] bb) {
    final double[] xp = new double[11];
    xp[0] = 1;
    for (int i = 1; i < 11; i++) {
      xp[i] = xp[i - 1] * x;
    }
    final double x1 = xp[1], x2 = xp[2], x3 = xp[3], x4 = xp[4], x5 = xp[5];
    final double[] a0 = in[0], a1 = in[1], a2 = in[2], a3 = in[3], a4 = in[4], a5 = in[5];
    final double[] b0 = in[6], b1 = in[7], b2 = in[8], b3 = in[9], b4 = in[10], b5 = in[11];
    for (int r = 0; r < n; r++) {
      double p = a0[r] + a1[r] * x1 + a2[r] * x2 + a3[r] * x3 + a4[r] * x4 + a5[r] * x5;
      double q = b0[r] + b1[r] * x1 + b2[r] * x2 + b3[r] * x3 + b4[r] * x4 + b5[r] * x5;
      double id = 1 / (1 + q * q);
      ab[r] = -2 * q * id * id;
      bb[r] = 2 * p * (3 * q * q - 1) * id * id * id;
    }
    int c = 0;
    for (int u = 0; u < 12; u++) {
      for (int v = u; v < 12; v++) {
        double[] o = out[c++];
        if (v < 6) {
          java.util.Arrays.fill(o, 0, n, 0.0);
        } else {
          double[] src = u < 6 ? ab : bb;
          double k = xp[u < 6 ? u + v - 6 : u + v - 12];
          for (int r = 0; r < n; r++) {
            o[r] = src[r] * k;
          }
        }
      }
    }
  }

  /** tanh(W x + b) per row, W n x n row-major: the plain loop nest a person would write. */
  static void dense(double[] w, double[] b, double[][] in, double[][] out, int rows, double[] x) {
    int n = b.length;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < n; k++) {
        x[k] = in[k][r];
      }
      for (int i = 0; i < n; i++) {
        double s = b[i];
        for (int k = 0; k < n; k++) {
          s += w[i * n + k] * x[k];
        }
        out[i][r] = Math.tanh(s);
      }
    }
  }
}
