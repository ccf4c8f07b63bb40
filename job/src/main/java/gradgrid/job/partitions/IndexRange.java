package gradgrid.job.partitions;

import java.io.Serializable;

/**
 * A half-open range of grid rows {@code [start, end)}: what one Spark partition evaluates.
 *
 * @param start first row
 * @param end one past the last row
 */
public record IndexRange(long start, long end) implements Serializable {
  /**
   * Checks the bounds.
   *
   * @param start first row
   * @param end one past the last row
   */
  public IndexRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
  }

  /**
   * Number of rows in the range.
   *
   * @return {@code end - start}
   */
  public long size() {
    return end - start;
  }
}
