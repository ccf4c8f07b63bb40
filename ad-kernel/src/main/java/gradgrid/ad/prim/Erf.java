package gradgrid.ad.prim;

/**
 * The error function and its complement, computed here: Java has neither, and Hipparchus's {@code
 * Erf} measured up to 375 ulps off (and {@code erf(1e-300) = 0}). Both branches run in {@link
 * DoubleDouble} arithmetic (about 106 bits), so the result is the rounding of a value good to far
 * more than 53 bits. For {@code |x| < 4}: the Maclaurin series {@code erf x = 2/sqrt(pi) sum (-1)^n
 * x^(2n+1) / (n! (2n+1))}, whose cancellation and the {@code 1 - erf} of erfc leave enough bits.
 * For {@code |x| >= 4}: Laplace's continued fraction {@code erfc x = e^(-x^2) / sqrt(pi) / (x +
 * (1/2) / (x + 1 / (x + (3/2) / (x + ...))))} with {@code e^(-x^2)} from its Taylor series after
 * reduction by powers of 2. Accuracy against correctly rounded values (within 1 ulp) is tested in
 * {@code MoreMathTest}. The price of the last bit is speed: about 450 ns a call where {@code
 * Math.exp} takes 7 ns ({@code bench/mathlib.sh}).
 */
public final class Erf {
  private Erf() {}

  private static final double SERIES_BELOW = 4.0;

  /** erfc is below half the least subnormal from here on. */
  private static final double UNDERFLOW = 28.0;

  /** Enough series terms for a &lt; 4: 4^(2n) / n! is below 2^-112 from n = 120 on. */
  private static final int SERIES_TERMS = 130;

  /** Enough for e^r with |r| &lt;= 0.35: 0.35^n / n! is below 2^-110 from n = 24 on. */
  private static final int EXP_TERMS = 26;

  private static final DoubleDouble TWO_OVER_SQRT_PI =
      new DoubleDouble(1.1283791670955126, 1.533545961316588e-17);

  private static final DoubleDouble INV_SQRT_PI =
      new DoubleDouble(0.5641895835477563, 7.66772980658294e-18);

  private static final DoubleDouble LN2 =
      new DoubleDouble(0.6931471805599453, 2.3190468138462996e-17);

  /** The error function {@code 2/sqrt(pi) int_0^x e^(-t^2) dt}. */
  public static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    double r = a < SERIES_BELOW ? series(a).value() : 1.0 - fraction(a).value();
    return Math.copySign(r, x);
  }

  /** The complementary error function {@code 1 - erf x}, without cancellation for large x. */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    DoubleDouble one = DoubleDouble.of(1.0);
    if (a < SERIES_BELOW) {
      DoubleDouble s = series(a);
      return (x < 0 ? one.add(s) : one.sub(s)).value();
    }
    DoubleDouble c = fraction(a);
    return x < 0 ? DoubleDouble.of(2.0).sub(c).value() : c.value();
  }

  /**
   * Series coefficients {@code (-1)^n 2 / (sqrt(pi) n! (2n+1))} as double-doubles, n = 0 ..
   * SERIES_TERMS - 1: high parts here, low parts in {@link #SERIES_LO}.
   */
  private static final double[] SERIES_HI = new double[SERIES_TERMS];

  private static final double[] SERIES_LO = new double[SERIES_TERMS];

  /** The series terms needed for a in {@code [i/8, (i+1)/8)}. */
  private static final int[] TERMS_NEEDED = new int[(int) (SERIES_BELOW * 8)];

  /** Taylor coefficients {@code 1 / n!} of e^r, n = 0..EXP_TERMS-1. */
  private static final DoubleDouble[] EXP = new DoubleDouble[EXP_TERMS];

  static {
    DoubleDouble c = TWO_OVER_SQRT_PI; // 2 / (sqrt(pi) n!) with its sign
    for (int n = 0; n < SERIES_TERMS; n++) {
      if (n > 0) {
        c = c.div(DoubleDouble.of(-n));
      }
      DoubleDouble term = c.div(DoubleDouble.of(2 * n + 1));
      SERIES_HI[n] = term.hi();
      SERIES_LO[n] = term.lo();
    }
    for (int i = 0; i < TERMS_NEEDED.length; i++) {
      // the last term needed below a = (i + 1) / 8: a^(2n) / n! under 2^-112 of the result
      double a = (i + 1) / 8.0;
      int n = 1;
      double size = 1.0;
      while (size > 0x1p-112) {
        size *= a * a / n;
        n++;
      }
      TERMS_NEEDED[i] = n;
    }
    DoubleDouble f = DoubleDouble.of(1.0);
    for (int n = 0; n < EXP_TERMS; n++) {
      if (n > 0) {
        f = f.div(DoubleDouble.of(n));
      }
      EXP[n] = f;
    }
  }

  /** erf(a) for {@code 0 <= a < 4}: Horner's rule in a^2 over the terms that matter at a. */
  private static DoubleDouble series(double a) {
    int n = TERMS_NEEDED[(int) (a * 8)];
    // Horner's rule in double-double, written out: the loop runs up to 120 times
    double yh = a * a;
    double yl = Math.fma(a, a, -yh);
    double sh = SERIES_HI[n];
    double sl = SERIES_LO[n];
    for (int k = n - 1; k >= 0; k--) {
      double p = sh * yh;
      double pe = Math.fma(sh, yh, -p) + (sh * yl + sl * yh);
      double u = p + SERIES_HI[k];
      double v = u - p;
      double e = (p - (u - v)) + (SERIES_HI[k] - v) + pe + SERIES_LO[k];
      sh = u + e;
      sl = e - (sh - u);
    }
    DoubleDouble s = new DoubleDouble(sh, sl);
    return s.mul(DoubleDouble.of(a));
  }

  /** erfc(a) for {@code a >= 4} by the continued fraction; 0 once it underflows. */
  private static DoubleDouble fraction(double a) {
    if (a >= UNDERFLOW) {
      return DoubleDouble.of(0.0);
    }
    // t = a + (k/2) / t from the bottom, in double-double written out; truncated after 8 +
    // 400/a^2 terms: below 2^-66 relative from a = 4 on (checked with mpmath)
    double th = a;
    double tl = 0.0;
    for (int k = 8 + (int) (400 / (a * a)); k >= 1; k--) {
      double c = 0.5 * k;
      double q1 = c / th;
      double q2 = (Math.fma(-q1, th, c) - q1 * tl) / th;
      double u = a + q1;
      double v = u - a;
      double e = (a - (u - v)) + (q1 - v) + q2;
      th = u + e;
      tl = e - (th - u);
    }
    DoubleDouble t = new DoubleDouble(th, tl);
    // e^(-a^2) = 2^j e^r with |r| <= ln(2) / 2
    DoubleDouble minusA2 = DoubleDouble.product(a, a).neg();
    double j = Math.rint(minusA2.hi() / LN2.hi());
    DoubleDouble r = minusA2.sub(DoubleDouble.of(j).mul(LN2));
    DoubleDouble q = exp(r).mul(INV_SQRT_PI).div(t);
    // one rounding to the nearest double (subnormal results included), then exact scaling
    double hi = Math.scalb(q.hi(), (int) j);
    double lo = Math.scalb(q.lo(), (int) j);
    return new DoubleDouble(hi, lo);
  }

  /** {@code e^r} for {@code |r| <= 0.35} by its Taylor series, Horner's rule. */
  private static DoubleDouble exp(DoubleDouble r) {
    DoubleDouble sum = EXP[EXP_TERMS - 1];
    for (int n = EXP_TERMS - 2; n >= 0; n--) {
      sum = sum.mul(r).add(EXP[n]);
    }
    return sum;
  }
}
