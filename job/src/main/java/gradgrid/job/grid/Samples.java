package gradgrid.job.grid;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The joint sample space of a sweep: every sampled input (a scalar, a whole vector, or single
 * vector elements) contributes coordinates, and sample {@code i} is one point of the product of
 * their ranges. Coordinate {@code d} of sample {@code i} is {@code from[d] + (to[d] - from[d]) *
 * u[d]} with {@code u} point {@code i} of the unit cube ({@link SampleMethod}). Coordinates are in
 * grid order (parameter order, a vector's elements in order), one per {@link SampledAxis}.
 */
public final class Samples implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The column holding the sample index ({@code bigint}, from 0). */
  public static final String INDEX_COLUMN = "sample";

  private final SampleMethod method;
  private final long points;
  private final List<AxisInput> inputs;
  private final double[] from;
  private final double[] to;

  /**
   * Builds the space.
   *
   * @param method how the unit cube is filled
   * @param points the number of samples (at least 1)
   * @param inputs what each coordinate drives, in grid order
   * @param from each coordinate's lower bound
   * @param to each coordinate's upper bound (greater than {@code from})
   */
  public Samples(
      SampleMethod method, long points, List<AxisInput> inputs, double[] from, double[] to) {
    if (points < 1
        || inputs.isEmpty()
        || from.length != inputs.size()
        || to.length != from.length) {
      throw new IllegalArgumentException(points + " samples of " + inputs);
    }
    this.method = method;
    this.points = points;
    this.inputs = List.copyOf(inputs);
    this.from = from.clone();
    this.to = to.clone();
  }

  /**
   * How the unit cube is filled.
   *
   * @return the method
   */
  public SampleMethod method() {
    return method;
  }

  /**
   * The number of samples.
   *
   * @return the point count
   */
  public long points() {
    return points;
  }

  /**
   * The number of coordinates of a sample.
   *
   * @return the dimension
   */
  public int dimension() {
    return inputs.size();
  }

  /**
   * What a coordinate drives.
   *
   * @param d the coordinate
   * @return the input
   */
  public AxisInput input(int d) {
    return inputs.get(d);
  }

  /**
   * The axes of this space, one per coordinate, in grid order.
   *
   * @return the sampled axes
   */
  public List<SampledAxis> axes() {
    SampledAxis[] axes = new SampledAxis[dimension()];
    for (int d = 0; d < axes.length; d++) {
      axes[d] = new SampledAxis(this, d);
    }
    return List.of(axes);
  }

  /**
   * A cursor over the samples, for one task (not thread-safe): consecutive indices cost one step of
   * the sequence each.
   *
   * @return a new cursor
   */
  public Cursor cursor() {
    return new Cursor();
  }

  /**
   * Sample {@code index}, scaled to the bounds (a convenience over a fresh {@link #cursor()}).
   *
   * @param index the sample index, {@code 0 <= index < points()}
   * @return one coordinate per dimension
   */
  public double[] point(long index) {
    return cursor().at(index).clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Samples s
        && s.method.equals(method)
        && s.points == points
        && s.inputs.equals(inputs)
        && Arrays.equals(s.from, from)
        && Arrays.equals(s.to, to);
  }

  @Override
  public int hashCode() {
    return ((method.hashCode() * 31 + Long.hashCode(points)) * 31 + inputs.hashCode()) * 31
        + Arrays.hashCode(from);
  }

  @Override
  public String toString() {
    return method.confName() + " x " + points + " over " + inputs;
  }

  /** Computes samples for one task, remembering the last so that a run of rows shares it. */
  public final class Cursor {
    private final SampleMethod.UnitCube cube = method.open(dimension());
    private final double[] point = new double[dimension()];
    private long current = -1;

    private Cursor() {}

    /**
     * Sample {@code index}, scaled to the bounds.
     *
     * @param index the sample index, {@code 0 <= index < points()}
     * @return the point (reused: valid until the next call)
     */
    public double[] at(long index) {
      if (index < 0 || index >= points) {
        throw new IndexOutOfBoundsException("sample " + index + " of " + points);
      }
      if (index == current) {
        return point;
      }
      double[] u = cube.at(index);
      for (int d = 0; d < point.length; d++) {
        point[d] = from[d] + (to[d] - from[d]) * u[d];
      }
      current = index;
      return point;
    }
  }
}
