package gradgrid.job.grid;

import java.io.Serializable;

/**
 * One grid axis: the values taken by a scalar input or by one element of a vector input.
 *
 * <p>The value at position {@code i} depends on {@code i} alone (never on an accumulated step), so
 * every partition computes bit-identical coordinates.
 */
public sealed interface Axis extends Serializable
    permits Linspace, ValueList, Restricted, SampledAxis {
  /**
   * The input this axis drives: a whole scalar, or one element of a vector.
   *
   * @return the input
   */
  AxisInput input();

  /**
   * The parameter this axis drives (all of it, or one element).
   *
   * @return the parameter name, for example {@code alpha}
   */
  default String param() {
    return input().param();
  }

  /**
   * Number of values on the axis (at least 1).
   *
   * @return the point count
   */
  long points();

  /**
   * The value at a position.
   *
   * @param i position, {@code 0 <= i < points()}
   * @return the coordinate
   */
  double value(long i);

  /**
   * Writes the values at positions {@code first .. first+n-1} into {@code out[offset ..]}: the same
   * values as {@link #value}, in one loop (a task fills the fastest axis of a batch this way).
   *
   * @param first the first position
   * @param out receives the values
   * @param offset where in {@code out} the first value goes
   * @param n how many values, with {@code first + n <= points()}
   */
  default void fill(long first, double[] out, int offset, int n) {
    for (int i = 0; i < n; i++) {
      out[offset + i] = value(first + i);
    }
  }

  /**
   * The Parquet column name: {@code x} for a scalar input, {@code alpha_1} for {@code alpha[1]}.
   *
   * @return the column name
   */
  default String column() {
    return input().column();
  }

  /**
   * The name as written in the conf: {@code x} or {@code alpha[1]}.
   *
   * @return the conf name
   */
  default String confName() {
    return input().confName();
  }
}
