package gradgrid.ad.prim;

/**
 * Elementary functions that {@link Math} lacks, written from their defining identities in forms
 * that neither overflow nor cancel: inverse hyperbolic functions, the base-2 logarithm, the
 * logistic sigmoid and softplus. Each is called alike by the interpreter and by generated kernels,
 * so their results agree bit for bit; accuracy against correctly rounded values is tested in {@code
 * MoreMathTest}.
 */
public final class MoreMath {
  private MoreMath() {}

  /** {@code 1 / ln 2}, rounded. */
  static final double INV_LN2 = 1.4426950408889634;

  /** {@code 1 / ln 2 - INV_LN2}: the rounding error of {@link #INV_LN2}. */
  private static final double INV_LN2_LO = 2.0355273740931033e-17;

  /** {@code 1 / ln 10}, rounded. */
  static final double INV_LN10 = 0.4342944819032518;

  /** {@code 2 / sqrt(pi)}, rounded: the derivative of erf at 0. */
  static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

  private static final double LN2 = 0.6931471805599453;

  /** Above this, {@code sqrt(x^2 + 1)} is {@code x} to double precision. */
  private static final double LARGE = 0x1p28;

  /** {@code x} itself: the value of {@code stop_gradient}, whose derivative is zero. */
  public static double identity(double x) {
    return x;
  }

  /**
   * {@code asinh x = log(x + sqrt(x^2 + 1))}, as {@code log1p(|x| + x^2 / (1 + sqrt(1 + x^2)))}.
   */
  public static double asinh(double x) {
    double a = Math.abs(x);
    double r =
        a > LARGE ? Math.log(a) + LN2 : Math.log1p(a + a * a / (1.0 + Math.sqrt(1.0 + a * a)));
    return Math.copySign(r, x);
  }

  /** {@code acosh x = log(x + sqrt(x^2 - 1))} for {@code x >= 1} (else NaN), via {@code log1p}. */
  public static double acosh(double x) {
    if (!(x >= 1.0)) {
      return Double.NaN;
    }
    if (x > LARGE) {
      return Math.log(x) + LN2;
    }
    double t = x - 1.0;
    return Math.log1p(t + Math.sqrt(t * (x + 1.0)));
  }

  /** {@code atanh x = log((1 + x) / (1 - x)) / 2}; infinite at ±1, NaN beyond. */
  public static double atanh(double x) {
    double a = Math.abs(x);
    double r =
        a < 0.5
            ? 0.5 * Math.log1p(2.0 * a + 2.0 * a * a / (1.0 - a))
            : 0.5 * Math.log1p(2.0 * a / (1.0 - a));
    return Math.copySign(r, x);
  }

  /**
   * The base-2 logarithm, exact at powers of two: {@code x = m 2^e} with {@code m} in {@code
   * (sqrt(1/2), sqrt(2)]}, then {@code e + log1p(m - 1) / ln 2} (the subtraction is exact).
   */
  public static double log2(double x) {
    if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
      return Math.log(x); // NaN, -infinity at 0, +infinity
    }
    int scale = 0;
    if (x < Double.MIN_NORMAL) {
      x *= 0x1p54;
      scale = -54;
    }
    int e = Math.getExponent(x);
    double m = Math.scalb(x, -e);
    if (m > 1.4142135623730951) {
      m *= 0.5;
      e++;
    }
    double r = Math.log1p(m - 1.0);
    return (e + scale) + Math.fma(r, INV_LN2, r * INV_LN2_LO);
  }

  /**
   * The logistic function {@code 1 / (1 + e^-x)}, never forming a huge exponential: for {@code x <
   * 0} it is {@code e / (1 + e)} with {@code e = e^x}, the rounding error of {@code 1 + e}
   * corrected.
   */
  public static double sigmoid(double x) {
    if (x >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    double h = 1.0 + e;
    double l = e - (h - 1.0); // 1 + e == h + l exactly
    double q = e / h;
    return q - q * (l / h);
  }

  /** {@code log(1 + e^x)} as {@code max(x, 0) + log1p(e^-|x|)}: no overflow for large x. */
  public static double softplus(double x) {
    return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
}
