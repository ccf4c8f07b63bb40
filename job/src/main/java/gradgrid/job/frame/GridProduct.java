package gradgrid.job.frame;

import gradgrid.job.grid.Grid;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Each row of a partition followed by every point of a grid: row {@code r} becomes {@code
 * grid.rows()} rows, each {@code r}'s values then (for a sampled grid) the sample index and one
 * coordinate per axis, in the sweep's column order. Lazy: one output row at a time.
 */
final class GridProduct implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Grid grid;

  GridProduct(Grid grid) {
    this.grid = grid;
  }

  /** The rows of {@code rows}, each at every grid point in row-index order. */
  Iterator<Row> apply(Iterator<Row> rows) {
    return new Iterator<>() {
      private final int axes = grid.axes().size();
      private final int extra = axes + (grid.samples().isPresent() ? 1 : 0);
      private final long[] digits = new long[axes];
      private final int sampled = firstSampled();
      private Row row;
      private long next;

      @Override
      public boolean hasNext() {
        if (row != null && next < grid.rows()) {
          return true;
        }
        if (!rows.hasNext()) {
          return false;
        }
        row = rows.next();
        next = 0;
        grid.digits(0, digits);
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object[] values = new Object[row.length() + extra];
        for (int i = 0; i < row.length(); i++) {
          values[i] = row.get(i);
        }
        int c = row.length();
        if (extra > axes) {
          values[c++] = digits[sampled];
        }
        for (int a = 0; a < axes; a++) {
          values[c++] = grid.axes().get(a).value(digits[a]);
        }
        if (++next < grid.rows()) {
          grid.increment(digits);
        }
        return RowFactory.create(values);
      }

      private int firstSampled() {
        for (int a = 0; a < axes; a++) {
          if (grid.isSampled(a)) {
            return a;
          }
        }
        return -1;
      }
    };
  }
}
