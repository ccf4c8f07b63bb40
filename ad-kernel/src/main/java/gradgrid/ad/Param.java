package gradgrid.ad;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import java.io.Serializable;

/** A named argument of a traced function and its shape. */
public record Param(String name, Shape shape) implements Serializable {
  /** Checks the name. */
  public Param {
    if (name == null || name.isBlank()) {
      throw new AdException("a parameter needs a non-empty name");
    }
  }

  /** A scalar argument. */
  public static Param scalar(String name) {
    return new Param(name, Shape.SCALAR);
  }

  /** A vector argument of {@code n} elements. */
  public static Param vector(String name, int n) {
    if (n <= 0) {
      throw new AdException("parameter '" + name + "': a vector length must be positive, got " + n);
    }
    return new Param(name, Shape.vector(n));
  }

  /**
   * A vector argument whose length comes from a number read elsewhere (a conf file, a computed
   * size); rejects NaN, infinities and non-integers with a message naming the parameter.
   */
  public static Param vector(String name, double length) {
    if (Double.isNaN(length)
        || Double.isInfinite(length)
        || length != Math.rint(length)
        || length < 1
        || length > Integer.MAX_VALUE) {
      throw new AdException(
          "parameter '"
              + name
              + "': a vector length must be a positive integer, got "
              + length
              + " where a shape was expected");
    }
    return vector(name, (int) length);
  }

  @Override
  public String toString() {
    return name + ":" + shape;
  }
}
