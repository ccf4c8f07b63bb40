package gradgrid.ad.prim;

/**
 * An unevaluated sum {@code hi + lo} of two doubles with {@code |lo| <= ulp(hi) / 2}: about 106
 * bits of precision, for the few places where double precision would lose the last bit ({@link
 * Erf}). Sums by Knuth's two-sum, products by a fused multiply-add.
 */
record DoubleDouble(double hi, double lo) {
  static DoubleDouble of(double a) {
    return new DoubleDouble(a, 0.0);
  }

  /** {@code a * b} exactly. */
  static DoubleDouble product(double a, double b) {
    double p = a * b;
    return new DoubleDouble(p, Math.fma(a, b, -p));
  }

  private static DoubleDouble normalised(double hi, double lo) {
    double s = hi + lo;
    return new DoubleDouble(s, lo - (s - hi));
  }

  DoubleDouble add(DoubleDouble o) {
    double s = hi + o.hi;
    double v = s - hi;
    double e = (hi - (s - v)) + (o.hi - v);
    return normalised(s, e + lo + o.lo);
  }

  DoubleDouble neg() {
    return new DoubleDouble(-hi, -lo);
  }

  DoubleDouble sub(DoubleDouble o) {
    return add(o.neg());
  }

  DoubleDouble mul(DoubleDouble o) {
    double p = hi * o.hi;
    return normalised(p, Math.fma(hi, o.hi, -p) + (hi * o.lo + lo * o.hi));
  }

  DoubleDouble div(DoubleDouble o) {
    double q1 = hi / o.hi;
    DoubleDouble r = sub(o.mul(of(q1)));
    double q2 = r.hi / o.hi;
    r = r.sub(o.mul(of(q2)));
    double q3 = r.hi / o.hi;
    return normalised(q1, q2).add(of(q3));
  }

  /** The nearest double. */
  double value() {
    return hi + lo;
  }
}
