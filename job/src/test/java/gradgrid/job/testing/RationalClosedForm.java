package gradgrid.job.testing;

/**
 * The worked example's closed forms from DESIGN.md (D = 1 + Q^2), written out by hand as an oracle
 * independent of the AD transforms.
 */
public final class RationalClosedForm {
  private final double[] alpha;
  private final double[] beta;
  private final double x;
  private final double p;
  private final double p1;
  private final double p2;
  private final double q;
  private final double q1;
  private final double q2;
  private final double d;

  /**
   * Evaluates the polynomials and their first two derivatives at x.
   *
   * @param x the point
   * @param alpha P's coefficients
   * @param beta Q's coefficients
   */
  public RationalClosedForm(double x, double[] alpha, double[] beta) {
    this.x = x;
    this.alpha = alpha;
    this.beta = beta;
    double[] pp = poly(alpha, x);
    double[] qq = poly(beta, x);
    p = pp[0];
    p1 = pp[1];
    p2 = pp[2];
    q = qq[0];
    q1 = qq[1];
    q2 = qq[2];
    d = 1 + q * q;
  }

  /** Value, first and second derivative of sum c_i x^i. */
  private static double[] poly(double[] c, double x) {
    double v = 0;
    double v1 = 0;
    double v2 = 0;
    for (int i = 0; i < c.length; i++) {
      v += c[i] * Math.pow(x, i);
      if (i >= 1) {
        v1 += i * c[i] * Math.pow(x, i - 1);
      }
      if (i >= 2) {
        v2 += i * (i - 1) * c[i] * Math.pow(x, i - 2);
      }
    }
    return new double[] {v, v1, v2};
  }

  /** f = P / D. */
  public double f() {
    return p / d;
  }

  /** f' = P'/D - 2 P Q Q' / D^2. */
  public double df() {
    return p1 / d - 2 * p * q * q1 / (d * d);
  }

  /** f'' = P''/D - 4 P' Q Q'/D^2 - 2 P (Q'^2 + Q Q'')/D^2 + 8 P Q^2 Q'^2 / D^3. */
  public double d2f() {
    return p2 / d
        - 4 * p1 * q * q1 / (d * d)
        - 2 * p * (q1 * q1 + q * q2) / (d * d)
        + 8 * p * q * q * q1 * q1 / (d * d * d);
  }

  /** df/dalpha_i = x^i / D. */
  public double dAlpha(int i) {
    return Math.pow(x, i) / d;
  }

  /** df/dbeta_j = -2 P Q x^j / D^2. */
  public double dBeta(int j) {
    return -2 * p * q * Math.pow(x, j) / (d * d);
  }

  /** d2f/dalpha_i dbeta_j = -2 Q x^(i+j) / D^2. */
  public double dAlphaBeta(int i, int j) {
    return -2 * q * Math.pow(x, i + j) / (d * d);
  }

  /** d2f/dbeta_j dbeta_k = 2 P x^(j+k) (3 Q^2 - 1) / D^3. */
  public double dBetaBeta(int j, int k) {
    return 2 * p * Math.pow(x, j + k) * (3 * q * q - 1) / (d * d * d);
  }

  /** The full symmetric Hessian over (alpha, beta); the alpha-alpha block is 0. */
  public double[][] hessianAlphaBeta() {
    int a = alpha.length;
    int n = a + beta.length;
    double[][] h = new double[n][n];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < beta.length; j++) {
        h[i][a + j] = dAlphaBeta(i, j);
        h[a + j][i] = dAlphaBeta(i, j);
      }
    }
    for (int j = 0; j < beta.length; j++) {
      for (int k = 0; k < beta.length; k++) {
        h[a + j][a + k] = dBetaBeta(j, k);
      }
    }
    return h;
  }
}
