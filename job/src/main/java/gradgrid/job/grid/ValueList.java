package gradgrid.job.grid;

import java.util.Arrays;

/**
 * An axis with explicitly listed values, in the order given.
 *
 * @param input the input this axis drives
 * @param values the values (distinct, at least one)
 */
public record ValueList(AxisInput input, double[] values) implements Axis {
  /**
   * Copies the values.
   *
   * @param input the input this axis drives
   * @param values the values
   */
  public ValueList {
    values = values.clone();
  }

  @Override
  public long points() {
    return values.length;
  }

  @Override
  public double value(long i) {
    return values[(int) i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueList v && v.input.equals(input) && Arrays.equals(v.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * input.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ValueList[" + confName() + ", " + Arrays.toString(values) + "]";
  }
}
