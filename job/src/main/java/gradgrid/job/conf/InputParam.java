package gradgrid.job.conf;

import java.io.Serializable;

/**
 * One parameter of the swept function: a float64 scalar or a fixed-length vector.
 *
 * @param name the parameter name used in the conf ({@code x}, {@code alpha})
 * @param size number of elements (1 for a scalar)
 * @param scalar true for a scalar, false for a vector (even of length 1)
 */
public record InputParam(String name, int size, boolean scalar) implements Serializable {
  /**
   * A scalar parameter.
   *
   * @param name the parameter name
   * @return the parameter
   */
  public static InputParam scalar(String name) {
    return new InputParam(name, 1, true);
  }

  /**
   * A vector parameter.
   *
   * @param name the parameter name
   * @param size its length
   * @return the parameter
   */
  public static InputParam vector(String name, int size) {
    return new InputParam(name, size, false);
  }

  /**
   * Describes the shape for messages: {@code scalar} or {@code vector of 6}.
   *
   * @return the description
   */
  public String describe() {
    return scalar ? "scalar" : "vector of " + size;
  }
}
