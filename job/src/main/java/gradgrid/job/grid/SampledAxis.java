package gradgrid.job.grid;

/**
 * One coordinate of a sample space, as a column of the grid: its position is the sample index it
 * shares with every other coordinate of the same {@link Samples} (a {@link Grid} ties them to one
 * digit), so sampled axes together add one dimension to the grid, not one each.
 *
 * @param samples the joint sample space
 * @param dimension this axis's coordinate in it
 */
public record SampledAxis(Samples samples, int dimension) implements Axis {
  @Override
  public AxisInput input() {
    return samples.input(dimension);
  }

  @Override
  public long points() {
    return samples.points();
  }

  @Override
  public double value(long i) {
    return samples.point(i)[dimension];
  }

  @Override
  public void fill(long first, double[] out, int offset, int n) {
    Samples.Cursor c = samples.cursor();
    for (int k = 0; k < n; k++) {
      out[offset + k] = c.at(first + k)[dimension];
    }
  }
}
