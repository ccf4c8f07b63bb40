package gradgrid.job.partitions;

import java.util.ArrayList;
import java.util.List;

/** Splits a grid's rows into contiguous index ranges, one per Spark partition. */
public final class PartitionPlan {
  /** Rows a partition aims at when the count is derived (about 16-40 MB of Parquet). */
  public static final long TARGET_ROWS_PER_PARTITION = 1L << 21;

  /**
   * The most partitions a derived count gives (the default of {@code limits.max-partitions}): past
   * it partitions grow beyond the target instead, since the driver plans each one in memory.
   */
  public static final int MAX_DEFAULT_COUNT = 1_000_000;

  /**
   * Inner evaluations a partition of a {@code critical-points} map aims at: 2^26, 2-4 s of one
   * core.
   */
  public static final long TARGET_EVALUATIONS_PER_PARTITION = 1L << 26;

  private PartitionPlan() {}

  /**
   * The default partition count: enough partitions of at most {@link #TARGET_ROWS_PER_PARTITION}
   * rows, at least one per core, rounded up to a multiple of the cores so waves stay full, and
   * never more than there are rows or {@link #MAX_DEFAULT_COUNT}.
   *
   * @param rows the grid's row count
   * @param cores the cluster's default parallelism
   * @return the partition count
   */
  public static int defaultCount(long rows, int cores) {
    return defaultCount(rows, 0, cores);
  }

  /**
   * The default partition count of rows that each scan an inner grid (a {@code critical-points}
   * output): as {@link #defaultCount(long, int)}, and also enough partitions of at most {@link
   * #TARGET_EVALUATIONS_PER_PARTITION} inner evaluations, so that a map's tasks stay a few seconds
   * long however few its rows.
   *
   * @param rows the grid's row count
   * @param innerPerRow inner evaluations per row, 0 for none
   * @param cores the cluster's default parallelism
   * @return the partition count
   */
  public static int defaultCount(long rows, long innerPerRow, int cores) {
    int c = Math.max(1, cores);
    long bySize = (rows + TARGET_ROWS_PER_PARTITION - 1) / TARGET_ROWS_PER_PARTITION;
    long byWork =
        (long)
            Math.min(
                Long.MAX_VALUE,
                Math.ceil((double) rows * innerPerRow / TARGET_EVALUATIONS_PER_PARTITION));
    long n = Math.max(c, Math.max(bySize, byWork));
    n = (n + c - 1) / c * c;
    n = Math.min(n, Math.max(1, rows));
    return (int) Math.min(n, MAX_DEFAULT_COUNT);
  }

  /**
   * The partition count for some rows of a sweep: the conf's (at most one per row), or {@link
   * #defaultCount}.
   *
   * @param confPartitions the conf's {@code partitions}, or 0 for auto
   * @param rows the rows to read (at least 1)
   * @param cores the cluster's default parallelism
   * @return the partition count
   */
  public static int count(int confPartitions, long rows, int cores) {
    return count(confPartitions, rows, 0, cores);
  }

  /**
   * The partition count for some rows of a sweep whose rows scan an inner grid: the conf's, or
   * {@link #defaultCount(long, long, int)}.
   *
   * @param confPartitions the conf's {@code partitions}, or 0 for auto
   * @param rows the rows to read (at least 1)
   * @param innerPerRow inner evaluations per row, 0 for none
   * @param cores the cluster's default parallelism
   * @return the partition count
   */
  public static int count(int confPartitions, long rows, long innerPerRow, int cores) {
    return confPartitions > 0
        ? (int) Math.min(confPartitions, rows)
        : defaultCount(rows, innerPerRow, cores);
  }

  /**
   * The default number of partitions per committed chunk (the resume granularity): at least two
   * waves of the cores, and at most about 16 chunks, so the per-chunk Spark job and journal cost
   * stays small (measured by {@code bench/commit.sh}).
   *
   * @param partitions the sweep's partition count
   * @param cores the cluster's default parallelism
   * @return partitions per chunk
   */
  public static int defaultChunk(int partitions, int cores) {
    return Math.max(2 * Math.max(1, cores), (partitions + 15) / 16);
  }

  /**
   * Splits {@code [0, rows)} into {@code partitions} contiguous ranges whose sizes differ by at
   * most one; together they cover every row exactly once.
   *
   * @param rows the row count (at least 1)
   * @param partitions the number of ranges, {@code 1 <= partitions <= rows}
   * @return the ranges, in row order
   */
  public static List<IndexRange> split(long rows, int partitions) {
    if (rows < 1 || partitions < 1 || partitions > rows) {
      throw new IllegalArgumentException(
          "cannot split " + rows + " rows into " + partitions + " partitions");
    }
    List<IndexRange> out = new ArrayList<>(partitions);
    long base = rows / partitions;
    long extra = rows % partitions;
    long start = 0;
    for (int p = 0; p < partitions; p++) {
      long end = start + base + (p < extra ? 1 : 0);
      out.add(new IndexRange(start, end));
      start = end;
    }
    return out;
  }

  /**
   * The ranges still to compute when {@code done} are committed: the plan {@link #split} gives when
   * nothing is, otherwise every gap between committed ranges, cut into pieces no longer than the
   * plan's ranges.
   *
   * @param rows the row count (at least 1)
   * @param partitions the plan's partition count
   * @param done committed ranges, disjoint, in any order
   * @return the ranges to compute, in row order
   */
  public static List<IndexRange> missing(long rows, int partitions, List<IndexRange> done) {
    if (done.isEmpty()) {
      return split(rows, partitions);
    }
    long longest = (rows + partitions - 1) / partitions;
    List<IndexRange> sorted = new ArrayList<>(done);
    sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
    List<IndexRange> out = new ArrayList<>();
    long at = 0;
    for (int i = 0; i <= sorted.size(); i++) {
      long next = i < sorted.size() ? sorted.get(i).start() : rows;
      if (next > at) {
        long gap = next - at;
        int pieces = (int) ((gap + longest - 1) / longest);
        for (IndexRange r : split(gap, pieces)) {
          out.add(new IndexRange(at + r.start(), at + r.end()));
        }
      }
      if (i < sorted.size()) {
        at = Math.max(at, sorted.get(i).end());
      }
    }
    return out;
  }
}
