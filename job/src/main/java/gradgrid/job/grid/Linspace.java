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

  @Override
  public void fill(long first, double[] out, int offset, int n) {
    if (points == 1) {
      out[offset] = from;
      return;
    }
    double span = to - from;
    double last = points - 1;
    int end = first + n == points ? n - 1 : n; // the last point is `to` itself
    for (int k = 0; k < end; k++) {
      out[offset + k] = from + span * ((double) (first + k) / last);
    }
    if (end < n) {
      out[offset + end] = to;
    }
  }
}
