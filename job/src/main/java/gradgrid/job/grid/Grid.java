package gradgrid.job.grid;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The cartesian product of axes, numbered row-major: the last axis varies fastest.
 *
 * <p>Row index and coordinates convert both ways by mixed radix (radix {@code points()} per axis),
 * so a partition is just an index range and any row can be recomputed alone. A grid with no axes
 * has exactly one row.
 *
 * <p>Sampled axes ({@link SampledAxis}, the coordinates of one {@link Samples}) share one digit,
 * the sample index, which is the slowest dimension of the product: row {@code r} is sample {@code r
 * / inner} at position {@code r % inner} of the other axes' product.
 */
public final class Grid implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Axis> axes;
  private final long[] radices;
  private final int[] coordinate;
  private final Samples samples;
  private final long inner;
  private final long rows;

  /**
   * Builds the grid.
   *
   * @param axes the axes, slowest-varying first (sampled axes, wherever they stand, share the
   *     slowest digit)
   * @throws ArithmeticException if the row count does not fit in a long
   * @throws IllegalArgumentException if sampled axes come from different sample spaces or do not
   *     cover theirs exactly once
   */
  public Grid(List<Axis> axes) {
    this.axes = List.copyOf(axes);
    this.radices = new long[axes.size()];
    this.coordinate = new int[axes.size()];
    Samples space = null;
    boolean[] covered = new boolean[0];
    long n = 1;
    for (int a = 0; a < radices.length; a++) {
      radices[a] = axes.get(a).points();
      if (axes.get(a) instanceof SampledAxis s) {
        if (space == null) {
          space = s.samples();
          covered = new boolean[space.dimension()];
        } else if (!space.equals(s.samples())) {
          throw new IllegalArgumentException("axes from two sample spaces: " + axes);
        }
        if (covered[s.dimension()]) {
          throw new IllegalArgumentException("sample coordinate twice: " + axes);
        }
        covered[s.dimension()] = true;
        coordinate[a] = s.dimension();
      } else {
        coordinate[a] = -1;
        n = Math.multiplyExact(n, radices[a]);
      }
    }
    for (boolean c : covered) {
      if (!c) {
        throw new IllegalArgumentException("sample coordinates missing: " + axes);
      }
    }
    this.samples = space;
    this.inner = n;
    this.rows = space == null ? n : Math.multiplyExact(n, space.points());
  }

  /**
   * The sample space of the sampled axes, if any.
   *
   * @return the samples, or empty for a plain grid
   */
  public Optional<Samples> samples() {
    return Optional.ofNullable(samples);
  }

  /**
   * Whether an axis is a coordinate of the sample space (its digit is the sample index).
   *
   * @param axis the axis index
   * @return true for a {@link SampledAxis}
   */
  public boolean isSampled(int axis) {
    return coordinate[axis] >= 0;
  }

  /**
   * The sample coordinate an axis holds.
   *
   * @param axis the axis index
   * @return its coordinate in the sample space, or -1 for an axis that is not sampled
   */
  public int sampleCoordinate(int axis) {
    return coordinate[axis];
  }

  /**
   * The axis that varies fastest from row to row: the last axis that is not sampled.
   *
   * @return its index, or -1 when every axis is sampled (consecutive rows are consecutive samples)
   */
  public int fastestAxis() {
    for (int a = radices.length - 1; a >= 0; a--) {
      if (!isSampled(a)) {
        return a;
      }
    }
    return -1;
  }

  /**
   * The axes, slowest-varying first.
   *
   * @return the axes
   */
  public List<Axis> axes() {
    return axes;
  }

  /**
   * Number of rows (product of the axis lengths).
   *
   * @return the row count
   */
  public long rows() {
    return rows;
  }

  /**
   * Writes the per-axis positions of a row into {@code digits}.
   *
   * @param index row index, {@code 0 <= index < rows()}
   * @param digits receives one position per axis
   */
  public void digits(long index, long[] digits) {
    if (index < 0 || index >= rows) {
      throw new IndexOutOfBoundsException("row " + index + " of " + rows);
    }
    long sample = index / inner;
    long rest = index % inner;
    for (int a = radices.length - 1; a >= 0; a--) {
      if (isSampled(a)) {
        digits[a] = sample;
      } else {
        digits[a] = rest % radices[a];
        rest /= radices[a];
      }
    }
  }

  /**
   * The row index of per-axis positions (inverse of {@link #digits}).
   *
   * @param digits one position per axis
   * @return the row index
   */
  public long index(long[] digits) {
    long index = 0;
    long sample = -1;
    for (int a = 0; a < radices.length; a++) {
      if (digits[a] < 0
          || digits[a] >= radices[a]
          || (isSampled(a) && sample >= 0 && digits[a] != sample)) {
        throw new IndexOutOfBoundsException(
            "position " + digits[a] + " on axis " + axes.get(a).confName());
      }
      if (isSampled(a)) {
        sample = digits[a];
      } else {
        index = index * radices[a] + digits[a];
      }
    }
    return sample < 0 ? index : sample * inner + index;
  }

  /**
   * Writes the coordinates of a row (one value per axis) into {@code out}.
   *
   * @param index row index
   * @param out receives one coordinate per axis
   */
  public void coordinates(long index, double[] out) {
    long[] d = new long[radices.length];
    digits(index, d);
    for (int a = 0; a < d.length; a++) {
      out[a] = axes.get(a).value(d[a]);
    }
  }

  /**
   * Advances per-axis positions to the next row (an odometer step).
   *
   * @param digits positions to advance in place
   */
  public void increment(long[] digits) {
    for (int a = radices.length - 1; a >= 0; a--) {
      if (isSampled(a)) {
        continue;
      }
      if (++digits[a] < radices[a]) {
        return;
      }
      digits[a] = 0;
    }
    for (int a = 0; a < radices.length; a++) {
      if (isSampled(a)) {
        digits[a]++;
      }
    }
  }
}
