package gradgrid.job.grid;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The joint sample space of a sweep: every sampled input (a scalar, a whole vector, or single
 * vector elements) contributes coordinates, and sample {@code i} is one point of the product of
 * their ranges. Coordinate {@code d} of sample {@code i} is {@code from[d] + (to[d] - from[d]) *
 * u[d]} with {@code u} point {@code i} of the unit cube ({@link SampleMethod}). Coordinates are in
 * grid order (parameter order, a vector's elements in order), one per {@link SampledAxis}.
 *
 * <p>A space may be restricted to some sample indices (what a pushed filter on the sample index
 * keeps, {@link #restrict}): its positions {@code 0 .. points()-1} then number the kept samples in
 * order, and each keeps the coordinates and index it has in the whole space.
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
  private final PositionSet kept;

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
    this(method, points, inputs, from, to, null);
  }

  private Samples(
      SampleMethod method,
      long points,
      List<AxisInput> inputs,
      double[] from,
      double[] to,
      PositionSet kept) {
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
    this.kept = kept;
  }

  /**
   * The same space with only some samples kept.
   *
   * @param samples the sample indices to keep, not empty, all below {@link #points()}
   * @return the restricted space
   * @throws IllegalStateException if this space is already restricted
   */
  public Samples restrict(PositionSet samples) {
    if (kept != null) {
      throw new IllegalStateException("already restricted: " + this);
    }
    if (samples.count() == 0 || samples.position(samples.count() - 1) >= points) {
      throw new IllegalArgumentException("samples " + samples + " of " + points);
    }
    return new Samples(method, points, inputs, from, to, samples);
  }

  /**
   * The sample index at a position: the position itself, unless the space is restricted.
   *
   * @param position the position, {@code 0 <= position < points()}
   * @return the sample index in the whole space
   */
  public long index(long position) {
    return kept == null ? position : kept.position(position);
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
   * The number of samples (those kept, for a restricted space).
   *
   * @return the point count
   */
  public long points() {
    return kept == null ? points : kept.count();
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
   * The sample at a position, scaled to the bounds (a convenience over a fresh {@link #cursor()}).
   *
   * @param position the position, {@code 0 <= position < points()} (the sample index, unless the
   *     space is restricted)
   * @return one coordinate per dimension
   */
  public double[] point(long position) {
    return cursor().at(position).clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Samples s
        && s.method.equals(method)
        && s.points == points
        && s.inputs.equals(inputs)
        && Arrays.equals(s.from, from)
        && Arrays.equals(s.to, to)
        && Objects.equals(s.kept, kept);
  }

  @Override
  public int hashCode() {
    return ((method.hashCode() * 31 + Long.hashCode(points)) * 31 + inputs.hashCode()) * 31
        + Arrays.hashCode(from);
  }

  @Override
  public String toString() {
    return method.confName()
        + " x "
        + points
        + (kept == null ? "" : " (kept " + kept + ")")
        + " over "
        + inputs;
  }

  /** Computes samples for one task, remembering the last so that a run of rows shares it. */
  public final class Cursor {
    private final SampleMethod.UnitCube cube = method.open(dimension());
    private final double[] point = new double[dimension()];
    private long current = -1;

    private Cursor() {}

    /**
     * The sample at a position, scaled to the bounds.
     *
     * @param position the position, {@code 0 <= position < points()} (the sample index, unless the
     *     space is restricted)
     * @return the point (reused: valid until the next call)
     */
    public double[] at(long position) {
      if (position < 0 || position >= points()) {
        throw new IndexOutOfBoundsException("sample " + position + " of " + points());
      }
      if (position == current) {
        return point;
      }
      double[] u = cube.at(index(position));
      for (int d = 0; d < point.length; d++) {
        point[d] = from[d] + (to[d] - from[d]) * u[d];
      }
      current = position;
      return point;
    }
  }
}
