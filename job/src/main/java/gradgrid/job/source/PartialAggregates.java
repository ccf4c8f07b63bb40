package gradgrid.job.source;

import gradgrid.job.run.SweepTask;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

/**
 * The pushed aggregates of a scan, each bound to the batch column it reads (an axis, or a flat
 * output column of the evaluator): what a task computes over its partition, one row out.
 *
 * @param aggregates the aggregates, in the scan's output order
 * @param axis per aggregate, whether its column is an axis
 * @param index per aggregate, the axis index or the flat output column (unused for counts)
 */
record PartialAggregates(List<PushedAggregate> aggregates, boolean[] axis, int[] index)
    implements Serializable {
  /**
   * Whether every aggregate is a count, which a partition's row count answers without evaluating.
   *
   * @return true if only counts
   */
  boolean onlyCounts() {
    return aggregates.stream().allMatch(a -> a.kind() == PushedAggregate.Kind.COUNT);
  }

  /**
   * The counts of a partition of {@code rows} rows (for {@link #onlyCounts()}).
   *
   * @param rows the partition's rows
   * @return one value per aggregate
   */
  InternalRow counts(long rows) {
    Object[] values = new Object[aggregates.size()];
    Arrays.fill(values, rows);
    return new GenericInternalRow(values);
  }

  /**
   * Aggregates a partition's batches into one row of partial values.
   *
   * @param batches the partition's batches
   * @return one value per aggregate
   */
  InternalRow compute(SweepTask.Batches batches) {
    int m = aggregates.size();
    long rows = 0;
    double[] acc = new double[m];
    for (int k = 0; k < m; k++) {
      acc[k] =
          switch (aggregates.get(k).kind()) {
            case MIN -> Double.NaN;
            case MAX -> Double.NEGATIVE_INFINITY;
            default -> 0;
          };
    }
    while (batches.next()) {
      int n = batches.size();
      rows += n;
      for (int k = 0; k < m; k++) {
        PushedAggregate.Kind kind = aggregates.get(k).kind();
        if (kind == PushedAggregate.Kind.COUNT) {
          continue;
        }
        double[] col = axis[k] ? batches.axis(index[k]) : batches.output(index[k]);
        acc[k] = fold(kind, acc[k], col, n);
      }
    }
    Object[] values = new Object[m];
    for (int k = 0; k < m; k++) {
      values[k] = aggregates.get(k).kind() == PushedAggregate.Kind.COUNT ? (Object) rows : acc[k];
    }
    return new GenericInternalRow(values);
  }

  private static double fold(PushedAggregate.Kind kind, double acc, double[] col, int n) {
    switch (kind) {
      case SUM -> {
        // four partial sums, so the additions do not each wait for the one before (a sum's last
        // bits depend on the order anyway: Spark merges the partitions' sums in any order)
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int r = 0;
        for (; r + 3 < n; r += 4) {
          s0 += col[r];
          s1 += col[r + 1];
          s2 += col[r + 2];
          s3 += col[r + 3];
        }
        for (; r < n; r++) {
          s0 += col[r];
        }
        acc += (s0 + s1) + (s2 + s3);
      }
      case MAX -> {
        for (int r = 0; r < n; r++) {
          double v = col[r];
          if (v > acc || Double.isNaN(v)) {
            acc = v;
          }
          if (Double.isNaN(acc)) {
            break;
          }
        }
      }
      case MIN -> {
        for (int r = 0; r < n; r++) {
          double v = col[r];
          if (Double.isNaN(acc) || v < acc) {
            acc = Double.isNaN(v) && !Double.isNaN(acc) ? acc : v;
          }
        }
      }
      default -> throw new IllegalStateException("a count reads no column");
    }
    return acc;
  }
}
