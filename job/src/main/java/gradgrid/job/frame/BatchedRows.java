package gradgrid.job.frame;

import gradgrid.ad.Param;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.criticals.CriticalPointSet;
import gradgrid.job.criticals.CriticalPointsType;
import gradgrid.job.criticals.InnerScan;
import gradgrid.job.run.BatchEvaluator;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * The per-partition step of an {@link Evaluation} and of a {@link TableSweep}: reads rows a batch
 * at a time into the kernel's input columns (one per scalar element of each input field, in the
 * kernel's order), runs the compiled kernel once per batch, and emits each row with its output
 * values appended, lazily (one batch in memory at a time). A row with a null input, or a null
 * element in an input array, is evaluated as NaN and emitted with null outputs. A {@code
 * critical-points} output is the factory's inner scan at each row's input columns, as in a grid
 * sweep's task. With statistics, it also adds the batch's axis and output columns to them, as a
 * sweep's task does.
 */
final class BatchedRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final EvaluatorFactory factory;
  private final String[] names;
  private final int[] sizes;
  private final boolean[] scalar;
  private final int[] fields;
  private final String[] columns;
  private final int[][] dims;
  private final boolean[] scanned;
  private final int batch;
  private final ColumnStats stats;
  private final int[] statInputs;

  /**
   * The step.
   *
   * @param factory the kernel of the outputs over the inputs
   * @param inputs what the kernel reads, in its order: per input a name for messages and a shape (a
   *     scalar field, or an array field of the shape's size)
   * @param fields the row field of each input
   * @param columns the name of each such field, for messages
   * @param outputs the outputs, in the factory's order: a {@code critical-points} output is one of
   *     the factory's scans (no kernel column), any other its kernel columns
   * @param params the function's parameters by name (the outputs' dimensions)
   * @param batch rows per kernel batch
   * @param stats a registered accumulator of the {@code statInputs} columns and then every output
   *     column, or null for none
   * @param statInputs the kernel input columns whose statistics come first (a sweep's axes)
   */
  BatchedRows(
      EvaluatorFactory factory,
      List<Param> inputs,
      int[] fields,
      String[] columns,
      List<OutputSpec> outputs,
      Map<String, Param> params,
      int batch,
      ColumnStats stats,
      int[] statInputs) {
    this.factory = factory;
    this.names = new String[inputs.size()];
    this.sizes = new int[inputs.size()];
    this.scalar = new boolean[inputs.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = inputs.get(i).name();
      sizes[i] = inputs.get(i).shape().size();
      scalar[i] = inputs.get(i).shape().isScalar();
    }
    this.fields = fields.clone();
    this.columns = columns.clone();
    this.dims = new int[outputs.size()][];
    this.scanned = new boolean[outputs.size()];
    for (int k = 0; k < dims.length; k++) {
      dims[k] = outputs.get(k).dims(params);
      scanned[k] = outputs.get(k) instanceof OutputSpec.CriticalPoints;
    }
    this.batch = batch;
    this.stats = stats;
    this.statInputs = statInputs.clone();
  }

  /**
   * Whether a column of type {@code t} can bind {@code p}: any number for a scalar, an array of
   * numbers for a vector (its length is checked row by row).
   */
  static boolean reads(Param p, DataType t) {
    return p.shape().isScalar()
        ? t instanceof NumericType
        : t instanceof ArrayType a && a.elementType() instanceof NumericType;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Batches(rows);
  }

  /** The rows of one partition, evaluated a batch at a time. */
  private final class Batches implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final BatchEvaluator evaluator;
    private final double[][] in;
    private final double[][] out;
    private final Row[] held;
    private final boolean[] nulls;
    private final ColumnStats local = stats == null ? null : new ColumnStats(stats.columns());
    private final InnerScan[] scans;
    private final CriticalPointSet[][] sets;
    private final double[] outer;
    private double[] kept;
    private int n;
    private int next;

    Batches(Iterator<Row> rows) {
      this.rows = rows;
      this.evaluator = factory.create();
      this.in = new double[factory.inputWidth()][batch];
      this.out = new double[factory.outputWidth()][batch];
      this.held = new Row[batch];
      this.nulls = new boolean[batch];
      this.scans = factory.createScans();
      this.sets = new CriticalPointSet[scans.length][batch];
      this.outer = new double[factory.inputWidth()];
    }

    @Override
    public boolean hasNext() {
      return next < n || fill();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int r = next++;
      Row row = held[r];
      held[r] = null;
      Object[] values = new Object[row.length() + dims.length];
      for (int i = 0; i < row.length(); i++) {
        values[i] = row.get(i);
      }
      int col = 0;
      int scan = 0;
      for (int k = 0; k < dims.length; k++) {
        if (scanned[k]) {
          CriticalPointSet set = sets[scan++][r];
          values[row.length() + k] = nulls[r] ? null : CriticalPointsType.toExternalRow(set);
          continue;
        }
        int[] d = dims[k];
        values[row.length() + k] = nulls[r] ? null : value(d, col, r);
        col += d.length == 0 ? 1 : d.length == 1 ? d[0] : d[0] * d[1];
      }
      return RowFactory.create(values);
    }

    /** Output {@code k}'s value at row {@code r}: a Double, a double[] or a double[][]. */
    private Object value(int[] d, int col, int r) {
      if (d.length == 0) {
        return out[col][r];
      }
      if (d.length == 1) {
        double[] v = new double[d[0]];
        for (int e = 0; e < v.length; e++) {
          v[e] = out[col + e][r];
        }
        return v;
      }
      double[][] m = new double[d[0]][d[1]];
      for (int i = 0; i < d[0]; i++) {
        for (int j = 0; j < d[1]; j++) {
          m[i][j] = out[col + i * d[1] + j][r];
        }
      }
      return m;
    }

    /** Reads and evaluates the next batch; false at the partition's end. */
    private boolean fill() {
      n = 0;
      next = 0;
      while (n < batch && rows.hasNext()) {
        Row row = rows.next();
        held[n] = row;
        nulls[n] = !read(row, n);
        n++;
      }
      if (n == 0) {
        if (local != null) {
          stats.add(local);
          local.reset();
        }
        return false;
      }
      evaluator.evaluate(in, out, n);
      for (int r = 0; r < n && scans.length > 0; r++) {
        if (nulls[r]) {
          continue;
        }
        for (int c = 0; c < outer.length; c++) {
          outer[c] = in[c][r];
        }
        for (int s = 0; s < scans.length; s++) {
          sets[s][r] = scans[s].scan(outer);
        }
      }
      if (local != null) {
        addStats();
      }
      return true;
    }

    /**
     * Adds the batch's axis and output columns to the task's statistics. Rows with null outputs
     * count as rows but not in the columns' values (their NaN is the kernel's, not the data's).
     */
    private void addStats() {
      int m = 0;
      for (int r = 0; r < n; r++) {
        m += nulls[r] ? 0 : 1;
      }
      for (int c = 0; c < statInputs.length + out.length; c++) {
        double[] column = c < statInputs.length ? in[statInputs[c]] : out[c - statInputs.length];
        if (m < n) {
          if (kept == null) {
            kept = new double[batch];
          }
          for (int r = 0, j = 0; r < n; r++) {
            if (!nulls[r]) {
              kept[j++] = column[r];
            }
          }
          column = kept;
        }
        local.addColumn(c, column, m);
      }
      local.addRows(n);
    }

    /** Puts row {@code r}'s inputs into the columns; false if one of them is null. */
    private boolean read(Row row, int r) {
      boolean complete = true;
      int col = 0;
      for (int i = 0; i < fields.length; i++) {
        int field = fields[i];
        if (scalar[i]) {
          boolean isNull = row.isNullAt(field);
          in[col++][r] = isNull ? Double.NaN : ((Number) row.get(field)).doubleValue();
          complete &= !isNull;
          continue;
        }
        List<Object> v = row.isNullAt(field) ? null : row.getList(field);
        if (v == null) {
          for (int e = 0; e < sizes[i]; e++) {
            in[col++][r] = Double.NaN;
          }
          complete = false;
          continue;
        }
        if (v.size() != sizes[i]) {
          throw new IllegalArgumentException(
              "Gradgrid: parameter '"
                  + names[i]
                  + "' needs "
                  + sizes[i]
                  + " elements; a row of column '"
                  + columns[i]
                  + "'"
                  + " has "
                  + v.size()
                  + ": "
                  + v);
        }
        for (Object e : v) {
          in[col++][r] = e == null ? Double.NaN : ((Number) e).doubleValue();
          complete &= e != null;
        }
      }
      return complete;
    }
  }
}
