package gradgrid.job.grid;

import java.io.Serializable;
import java.util.List;

/**
 * The cartesian product of axes, numbered row-major: the last axis varies fastest.
 *
 * <p>Row index and coordinates convert both ways by mixed radix (radix {@code points()} per axis),
 * so a partition is just an index range and any row can be recomputed alone. A grid with no axes
 * has exactly one row.
 */
public final class Grid implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Axis> axes;
  private final long[] radices;
  private final long rows;

  /**
   * Builds the grid.
   *
   * @param axes the axes, slowest-varying first
   * @throws ArithmeticException if the row count does not fit in a long
   */
  public Grid(List<Axis> axes) {
    this.axes = List.copyOf(axes);
    this.radices = new long[axes.size()];
    long n = 1;
    for (int a = 0; a < radices.length; a++) {
      radices[a] = axes.get(a).points();
      n = Math.multiplyExact(n, radices[a]);
    }
    this.rows = n;
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
    long rest = index;
    for (int a = radices.length - 1; a >= 0; a--) {
      digits[a] = rest % radices[a];
      rest /= radices[a];
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
    for (int a = 0; a < radices.length; a++) {
      if (digits[a] < 0 || digits[a] >= radices[a]) {
        throw new IndexOutOfBoundsException(
            "position " + digits[a] + " on axis " + axes.get(a).confName());
      }
      index = index * radices[a] + digits[a];
    }
    return index;
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
      if (++digits[a] < radices[a]) {
        return;
      }
      digits[a] = 0;
    }
  }
}
