package gradgrid.ad.prim;

/**
 * The error function and its complement, computed here (Java has neither, and Hipparchus's {@code
 * Erf} measured up to hundreds of ulps off, {@code erf(1e-300) = 0}). For {@code |x| < 4}: the
 * Maclaurin series {@code erf x = 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1))} summed in
 * double-double arithmetic (about 106 bits), which leaves enough bits after its cancellation and
 * after {@code 1 - erf} for erfc. For {@code |x| >= 4}: Laplace's continued fraction {@code erfc x
 * = e^(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...))))}, with {@code x^2} split
 * exactly so {@code e^(-x^2)} keeps full precision. Accuracy against correctly rounded values is
 * tested in {@code MoreMathTest}.
 */
public final class Erf {
  private Erf() {}

  private static final double SERIES_BELOW = 4.0;

  /** erfc is below half the least subnormal from here on. */
  private static final double UNDERFLOW = 28.0;

  /** Terms of the continued fraction, evaluated from the bottom: enough from x = 4 on. */
  private static final int FRACTION_TERMS = 60;

  /** {@code 2 / sqrt(pi)} as a double-double. */
  private static final double C_HI = 1.1283791670955126;

  private static final double C_LO = 1.533545961316588e-17;

  private static final double INV_SQRT_PI = 0.5641895835477563;

  /** The error function {@code 2/sqrt(pi) int_0^x e^(-t^2) dt}. */
  public static double erf(double x) {
    double a = Math.abs(x);
    if (Double.isNaN(x)) {
      return x;
    }
    if (a < SERIES_BELOW) {
      double[] s = series(a);
      return Math.copySign(s[0] + s[1], x);
    }
    return Math.copySign(1.0 - fraction(a), x);
  }

  /** The complementary error function {@code 1 - erf x}, without cancellation for large x. */
  public static double erfc(double x) {
    double a = Math.abs(x);
    if (Double.isNaN(x)) {
      return x;
    }
    if (a < SERIES_BELOW) {
      double[] s = series(a);
      // 1 -/+ erf |x| in double-double
      double sh = x < 0 ? s[0] : -s[0];
      double sl = x < 0 ? s[1] : -s[1];
      double h = 1.0 + sh;
      double l = (1.0 - h) + sh + sl;
      return h + l;
    }
    double c = fraction(a);
    return x < 0 ? 2.0 - c : c;
  }

  /** erf(a) for {@code 0 <= a < 4} as a double-double {hi, lo}. */
  private static double[] series(double a) {
    // a^2 exactly as a double-double
    double a2h = a * a;
    double a2l = Math.fma(a, a, -a2h);
    // p = a^(2n+1) / n!, sum s = sum (-1)^n p / (2n+1)
    double ph = a;
    double pl = 0.0;
    double sh = a;
    double sl = 0.0;
    for (int n = 1; n < 200; n++) {
      // p *= a^2
      double h = ph * a2h;
      double l = Math.fma(ph, a2h, -h) + (ph * a2l + pl * a2h);
      ph = h + l;
      pl = l - (ph - h);
      // p /= n
      h = ph / n;
      l = (Math.fma(-h, n, ph) + pl) / n;
      ph = h + l;
      pl = l - (ph - h);
      // term = p / (2n+1), signed
      int d = 2 * n + 1;
      double th = ph / d;
      double tl = (Math.fma(-th, d, ph) + pl) / d;
      if ((n & 1) != 0) {
        th = -th;
        tl = -tl;
      }
      // s += term
      double u = sh + th;
      double v = u - sh;
      double err = (sh - (u - v)) + (th - v);
      err += sl + tl;
      sh = u + err;
      sl = err - (sh - u);
      if (Math.abs(th) < 0x1p-110 * Math.abs(sh)) {
        break;
      }
    }
    // times 2/sqrt(pi)
    double h = sh * C_HI;
    double l = Math.fma(sh, C_HI, -h) + (sh * C_LO + sl * C_HI);
    double rh = h + l;
    return new double[] {rh, l - (rh - h)};
  }

  /** erfc(a) for {@code a >= 4} by the continued fraction; 0 once it underflows. */
  private static double fraction(double a) {
    if (a >= UNDERFLOW) {
      return 0.0; // also keeps infinity out of the split of a^2 below
    }
    double t = a;
    for (int k = FRACTION_TERMS; k >= 1; k--) {
      t = a + 0.5 * k / t;
    }
    double h = a * a;
    double l = Math.fma(a, a, -h);
    return Math.exp(-h) * (1.0 - l) * (INV_SQRT_PI / t);
  }
}
