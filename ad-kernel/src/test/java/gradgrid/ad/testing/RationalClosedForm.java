package gradgrid.ad.testing;

/**
 * The worked example's derivatives from the closed forms in DESIGN.md, written by hand as the
 * independent oracle (D = 1 + Q^2). Polynomials are summed term by term, not by Horner, so the
 * oracle shares no code path with the library.
 */
public final class RationalClosedForm {
  private final double[] a;
  private final double[] b;
  private final double x;

  /** P, Q and their derivatives at x, for coefficients a (P) and b (Q). */
  public final double p, p1, p2, q, q1, q2, d;

  public RationalClosedForm(double x, double[] a, double[] b) {
    this.a = a;
    this.b = b;
    this.x = x;
    p = poly(a, 0);
    p1 = poly(a, 1);
    p2 = poly(a, 2);
    q = poly(b, 0);
    q1 = poly(b, 1);
    q2 = poly(b, 2);
    d = 1 + q * q;
  }

  /** The k-th derivative of sum c_i x^i, term by term with exact integer powers. */
  private double poly(double[] c, int k) {
    double s = 0;
    for (int i = k; i < c.length; i++) {
      double fall = 1;
      for (int j = 0; j < k; j++) {
        fall *= i - j;
      }
      s += c[i] * fall * ipow(x, i - k);
    }
    return s;
  }

  /** x^n by plain repeated multiplication. */
  public static double ipow(double x, int n) {
    double r = 1;
    for (int i = 0; i < n; i++) {
      r *= x;
    }
    return r;
  }

  public double f() {
    return p / d;
  }

  /** f' = P'/D - 2 P Q Q' / D^2. */
  public double f1() {
    return p1 / d - 2 * p * q * q1 / (d * d);
  }

  /** Largest term of f', the scale its rounding error is relative to. */
  public double f1Scale() {
    return Math.max(Math.abs(p1 / d), Math.abs(2 * p * q * q1 / (d * d)));
  }

  /** f'' = P''/D - 4 P' Q Q'/D^2 - 2 P (Q'^2 + Q Q'')/D^2 + 8 P Q^2 Q'^2 / D^3. */
  public double f2() {
    return p2 / d
        - 4 * p1 * q * q1 / (d * d)
        - 2 * p * (q1 * q1 + q * q2) / (d * d)
        + 8 * p * q * q * q1 * q1 / (d * d * d);
  }

  /** Largest term of f''. */
  public double f2Scale() {
    return max(
        p2 / d,
        4 * p1 * q * q1 / (d * d),
        2 * p * q1 * q1 / (d * d),
        2 * p * q * q2 / (d * d),
        8 * p * q * q * q1 * q1 / (d * d * d));
  }

  /** df/dalpha_i = x^i / D. */
  public double dAlpha(int i) {
    return ipow(x, i) / d;
  }

  /** df/dbeta_j = -2 P Q x^j / D^2. */
  public double dBeta(int j) {
    return -2 * p * q * ipow(x, j) / (d * d);
  }

  /** d2f/dalpha_i dalpha_k = 0. */
  public double dAlphaAlpha(int i, int k) {
    return 0.0;
  }

  /** d2f/dalpha_i dbeta_j = -2 Q x^(i+j) / D^2. */
  public double dAlphaBeta(int i, int j) {
    return -2 * q * ipow(x, i + j) / (d * d);
  }

  /** d2f/dbeta_j dbeta_k = 2 P x^(j+k) (3 Q^2 - 1) / D^3. */
  public double dBetaBeta(int j, int k) {
    return 2 * p * ipow(x, j + k) * (3 * q * q - 1) / (d * d * d);
  }

  /** Scale of the beta-beta entry: its two terms before they cancel. */
  public double dBetaBetaScale(int j, int k) {
    return 2 * Math.abs(p * ipow(x, j + k)) * (3 * q * q + 1) / (d * d * d);
  }

  /** The full symmetric Hessian over (alpha, beta) together; the alpha-alpha block is 0. */
  public double[][] coefficientHessian() {
    int m = a.length;
    int n = m + b.length;
    double[][] h = new double[n][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < b.length; j++) {
        h[i][m + j] = dAlphaBeta(i, j);
        h[m + j][i] = dAlphaBeta(i, j);
      }
    }
    for (int j = 0; j < b.length; j++) {
      for (int k = 0; k < b.length; k++) {
        h[m + j][m + k] = dBetaBeta(j, k);
      }
    }
    return h;
  }

  public double[] alpha() {
    return a.clone();
  }

  public double[] beta() {
    return b.clone();
  }

  private static double max(double... v) {
    double m = 0;
    for (double t : v) {
      m = Math.max(m, Math.abs(t));
    }
    return m;
  }
}
