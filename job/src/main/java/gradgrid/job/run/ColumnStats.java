package gradgrid.job.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;

/**
 * Per flat column statistics gathered while the rows are written: rows, finite min/max, NaN and
 * +/-inf counts. Columns are the axes, then every output element (the evaluator's layout).
 *
 * <p>Updated inside the write job's result tasks, so Spark merges each partition's update exactly
 * once (failed attempts are dropped), and the summary needs no second pass over the data.
 */
public final class ColumnStats extends AccumulatorV2<ColumnStats, ColumnStats> {
  private static final long serialVersionUID = 1L;

  private long rows;
  private final double[] min;
  private final double[] max;
  private final long[] nan;
  private final long[] posInf;
  private final long[] negInf;

  /**
   * Empty statistics.
   *
   * @param columns number of flat columns
   */
  public ColumnStats(int columns) {
    min = new double[columns];
    max = new double[columns];
    nan = new long[columns];
    posInf = new long[columns];
    negInf = new long[columns];
    reset();
  }

  /**
   * Adds the first {@code n} values of a column.
   *
   * @param column the flat column index
   * @param values the values
   * @param n how many to add
   */
  public void addColumn(int column, double[] values, int n) {
    double lo = min[column];
    double hi = max[column];
    for (int r = 0; r < n; r++) {
      double v = values[r];
      // v - v is 0 for finite v, NaN for NaN and infinities: one rarely taken branch per value.
      if (v - v != 0) {
        if (Double.isNaN(v)) {
          nan[column]++;
        } else if (v > 0) {
          posInf[column]++;
        } else {
          negInf[column]++;
        }
        continue;
      }
      // Plain compares (Math.min/max order -0.0 below 0.0, which the summary does not need).
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    min[column] = lo;
    max[column] = hi;
  }

  /**
   * Counts rows.
   *
   * @param n rows to add
   */
  public void addRows(long n) {
    rows += n;
  }

  /**
   * Rows seen.
   *
   * @return the row count
   */
  public long rows() {
    return rows;
  }

  /**
   * Smallest finite value of a column.
   *
   * @param c the flat column
   * @return the minimum, or +inf when the column has no finite value
   */
  public double min(int c) {
    return min[c];
  }

  /**
   * Largest finite value of a column.
   *
   * @param c the flat column
   * @return the maximum, or -inf when the column has no finite value
   */
  public double max(int c) {
    return max[c];
  }

  /**
   * NaN count of a column.
   *
   * @param c the flat column
   * @return the count
   */
  public long nan(int c) {
    return nan[c];
  }

  /**
   * +inf count of a column.
   *
   * @param c the flat column
   * @return the count
   */
  public long posInf(int c) {
    return posInf[c];
  }

  /**
   * -inf count of a column.
   *
   * @param c the flat column
   * @return the count
   */
  public long negInf(int c) {
    return negInf[c];
  }

  /**
   * Number of flat columns.
   *
   * @return the width
   */
  public int columns() {
    return min.length;
  }

  @Override
  public boolean isZero() {
    return rows == 0;
  }

  @Override
  public ColumnStats copy() {
    ColumnStats c = new ColumnStats(min.length);
    c.merge(this);
    return c;
  }

  @Override
  public void reset() {
    rows = 0;
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    Arrays.fill(nan, 0);
    Arrays.fill(posInf, 0);
    Arrays.fill(negInf, 0);
  }

  @Override
  public void add(ColumnStats other) {
    merge(other);
  }

  @Override
  public void merge(AccumulatorV2<ColumnStats, ColumnStats> other) {
    ColumnStats o = (ColumnStats) other;
    rows += o.rows;
    for (int c = 0; c < min.length; c++) {
      min[c] = Math.min(min[c], o.min[c]);
      max[c] = Math.max(max[c], o.max[c]);
      nan[c] += o.nan[c];
      posInf[c] += o.posInf[c];
      negInf[c] += o.negInf[c];
    }
  }

  @Override
  public ColumnStats value() {
    return this;
  }

  /**
   * The statistics as JSON-compatible values, doubles as their raw bits, so that the summary of a
   * resumed run (which reads back the chunks an earlier run committed) is exactly an uninterrupted
   * run's.
   *
   * @return rows, and per column min, max, nan, posInf, negInf
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("min", bits(min));
    m.put("max", bits(max));
    m.put("nan", longs(nan));
    m.put("posInf", longs(posInf));
    m.put("negInf", longs(negInf));
    return m;
  }

  /**
   * Reads statistics written by {@link #toMap}.
   *
   * @param m the map
   * @return the statistics
   */
  public static ColumnStats fromMap(Map<String, Object> m) {
    List<?> mins = (List<?>) m.get("min");
    ColumnStats s = new ColumnStats(mins.size());
    s.rows = ((Number) m.get("rows")).longValue();
    for (int c = 0; c < mins.size(); c++) {
      s.min[c] = Double.longBitsToDouble(((Number) mins.get(c)).longValue());
      s.max[c] = Double.longBitsToDouble(((Number) ((List<?>) m.get("max")).get(c)).longValue());
      s.nan[c] = ((Number) ((List<?>) m.get("nan")).get(c)).longValue();
      s.posInf[c] = ((Number) ((List<?>) m.get("posInf")).get(c)).longValue();
      s.negInf[c] = ((Number) ((List<?>) m.get("negInf")).get(c)).longValue();
    }
    return s;
  }

  private static List<Long> bits(double[] a) {
    List<Long> out = new ArrayList<>(a.length);
    for (double d : a) {
      out.add(Double.doubleToRawLongBits(d));
    }
    return out;
  }

  private static List<Long> longs(long[] a) {
    List<Long> out = new ArrayList<>(a.length);
    for (long v : a) {
      out.add(v);
    }
    return out;
  }

  /** Short form for Spark's UI and logs (the default would recurse through {@link #value()}). */
  @Override
  public String toString() {
    return "ColumnStats(rows=" + rows + ", columns=" + min.length + ")";
  }
}
