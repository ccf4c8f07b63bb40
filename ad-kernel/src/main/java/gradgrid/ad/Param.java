package gradgrid.ad;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A named argument of a traced function and its shape. */
public record Param(String name, Shape shape) implements Serializable {
  /** The longest vector {@link #parse} accepts: the largest array a JVM allocates. */
  public static final int MAX_PARSED_LENGTH = Integer.MAX_VALUE - 8;

  private static final Pattern FORM = Pattern.compile("([A-Za-z_]\\w*)(?:\\[(\\d+)])?");

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

  /**
   * The parameter written as text, as a sweep conf's {@code params} lists it: {@code x} (a scalar)
   * or {@code alpha[6]} (a vector of 6), so a program reads that form as the job does.
   *
   * @param text the parameter, surrounding spaces ignored
   * @return the parameter
   * @throws AdException naming the text if it is neither form or its length is 0 or too large
   */
  public static Param parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new AdException(
          "'" + text + "' is not a parameter; write a name (a scalar) or name[n] (a vector of n)");
    }
    String digits = m.group(2);
    if (digits == null) {
      return scalar(m.group(1));
    }
    String significant = digits.replaceFirst("^0+(?=.)", "");
    long n = significant.length() > 10 ? Long.MAX_VALUE : Long.parseLong(significant);
    if (n < 1) {
      throw new AdException("'" + text + "' needs a length of at least 1");
    }
    if (n > MAX_PARSED_LENGTH) {
      throw new AdException(
          "'"
              + text
              + "': a vector may have at most "
              + MAX_PARSED_LENGTH
              + " elements, got "
              + digits);
    }
    return vector(m.group(1), (int) n);
  }

  @Override
  public String toString() {
    return name + ":" + shape;
  }
}
