package gradgrid.job.grid;

import java.io.Serializable;

/**
 * What a grid axis drives: a whole scalar input ({@code x}) or one element of a vector input
 * ({@code alpha[1]}). It names the axis's column.
 */
public sealed interface AxisInput extends Serializable {
  /**
   * The input's parameter name.
   *
   * @return for example {@code alpha}
   */
  String param();

  /**
   * The Parquet column name: {@code x} for a scalar input, {@code alpha_1} for {@code alpha[1]}.
   *
   * @return the column name
   */
  String column();

  /**
   * The name as written in the conf: {@code x} or {@code alpha[1]}.
   *
   * @return the conf name
   */
  String confName();

  /**
   * A whole scalar input.
   *
   * @param param the parameter name
   */
  record Whole(String param) implements AxisInput {
    @Override
    public String column() {
      return param;
    }

    @Override
    public String confName() {
      return param;
    }
  }

  /**
   * One element of a vector input.
   *
   * @param param the vector's parameter name
   * @param index the element, from 0
   */
  record Element(String param, int index) implements AxisInput {
    @Override
    public String column() {
      return param + "_" + index;
    }

    @Override
    public String confName() {
      return param + "[" + index + "]";
    }
  }
}
