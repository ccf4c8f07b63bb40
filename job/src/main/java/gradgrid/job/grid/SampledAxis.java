package gradgrid.job.grid;

/**
 * One coordinate of a sample space, as a column of the grid: its position is the sample index it
 * shares with every other coordinate of the same {@link Samples} (a {@link Grid} ties them to one
 * digit), so sampled axes together add one dimension to the grid, not one each. {@link #value}
 * computes the whole point for one coordinate, which is fine for a single row ({@link
 * Grid#coordinates}); a task fills a batch's sampled columns through one {@link Samples.Cursor}
 * instead.
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
}
