package gradgrid.job.grid;

import java.util.Arrays;

/**
 * An axis with explicitly listed values, in the order given.
 *
 * @param param the input this axis drives
 * @param element the vector element, or -1 for a scalar input
 * @param values the values (distinct, at least one)
 */
public record ValueList(String param, int element, double[] values) implements Axis {
  /**
   * Copies the values.
   *
   * @param param the input this axis drives
   * @param element the vector element, or -1 for a scalar input
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
    return o instanceof ValueList v
        && v.param.equals(param)
        && v.element == element
        && Arrays.equals(v.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * param.hashCode() + element) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ValueList[" + confName() + ", " + Arrays.toString(values) + "]";
  }
}
