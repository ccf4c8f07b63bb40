package gradgrid.ad.ir;

import java.util.Arrays;

/**
 * A literal constant of any shape. Equality is by shape and exact bit pattern, so {@code 0.0} and
 * {@code -0.0} are different literals and NaN equals NaN (what constant folding and CSE need).
 */
public final class Lit implements Atom {
  private static final long serialVersionUID = 1L;

  private final Shape shape;
  private final double[] data;

  /** A literal holding {@code data} (row-major) of the given shape. */
  public Lit(Shape shape, double[] data) {
    if (data.length != shape.size()) {
      throw new AdException(
          "literal of shape " + shape + " needs " + shape.size() + " values, got " + data.length);
    }
    this.shape = shape;
    this.data = data.clone();
  }

  /** A scalar literal. */
  public static Lit scalar(double v) {
    return new Lit(Shape.SCALAR, new double[] {v});
  }

  /** A literal of the given shape with every element equal to {@code v}. */
  public static Lit filled(Shape shape, double v) {
    double[] d = new double[shape.size()];
    Arrays.fill(d, v);
    return new Lit(shape, d);
  }

  @Override
  public Shape shape() {
    return shape;
  }

  /** A copy of the values. */
  public double[] data() {
    return data.clone();
  }

  /** Element {@code i} of the flat data. */
  public double get(int i) {
    return data[i];
  }

  /** True when every element is bit-for-bit {@code v} (so {@code 0.0} does not match -0.0). */
  public boolean isAll(double v) {
    long bits = Double.doubleToRawLongBits(v);
    for (double d : data) {
      if (Double.doubleToRawLongBits(d) != bits) {
        return false;
      }
    }
    return true;
  }

  /** True when every element is +0.0 or -0.0. */
  public boolean isZero() {
    for (double d : data) {
      if (d != 0.0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Lit l) || !shape.equals(l.shape)) {
      return false;
    }
    for (int i = 0; i < data.length; i++) {
      if (Double.doubleToRawLongBits(data[i]) != Double.doubleToRawLongBits(l.data[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = shape.hashCode();
    for (double d : data) {
      h = 31 * h + Long.hashCode(Double.doubleToRawLongBits(d));
    }
    return h;
  }

  @Override
  public String toString() {
    if (shape.isScalar()) {
      return Double.toString(data[0]);
    }
    if (data.length <= 8) {
      return Arrays.toString(data);
    }
    return "const" + shape;
  }
}
