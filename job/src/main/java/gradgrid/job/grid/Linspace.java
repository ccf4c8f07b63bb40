package gradgrid.job.grid;

/**
 * Evenly spaced values from {@code from} to {@code to}, both included (like numpy's linspace).
 *
 * @param input the input this axis drives
 * @param from first value
 * @param to last value ({@code from <= to})
 * @param points number of values (1 gives just {@code from})
 */
public record Linspace(AxisInput input, double from, double to, long points) implements Axis {
  @Override
  public double value(long i) {
    if (i == points - 1 && points > 1) {
      return to;
    }
    return points == 1 ? from : from + (to - from) * ((double) i / (double) (points - 1));
  }
}
