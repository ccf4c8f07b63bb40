package gradgrid.job.run;

import gradgrid.job.conf.InputParam;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Grid;
import gradgrid.job.partitions.IndexRange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What one Spark task runs: for its index range, compute the coordinates of each row (mixed radix),
 * fill the input columns batch by batch, call the evaluator, and emit rows lazily (one batch in
 * memory at a time).
 *
 * <p>Row layout: one double per axis (grid order), then per output a double (scalar), a {@code
 * double[]} (vector) or a {@code double[][]} (matrix, row by row).
 */
public final class SweepTask implements FlatMapFunction<Iterator<IndexRange>, Row> {
  private static final long serialVersionUID = 1L;

  private final Grid grid;
  private final double[] fixedColumns;
  private final int[] axisColumn;
  private final int[][] outputDims;
  private final EvaluatorFactory factory;
  private final int batchSize;
  private final ColumnStats stats;

  /**
   * Prepares the task from a checked sweep.
   *
   * @param spec the sweep
   * @param factory the evaluator recipe
   * @param stats a registered accumulator with one column per axis and output element, or null
   */
  public SweepTask(SweepSpec spec, EvaluatorFactory factory, ColumnStats stats) {
    this.grid = spec.grid();
    this.stats = stats;
    this.factory = factory;
    this.batchSize = spec.batchSize();
    List<Double> flat = new ArrayList<>();
    Map<String, Integer> offset = new java.util.HashMap<>();
    for (InputParam p : spec.params()) {
      offset.put(p.name(), flat.size());
      for (double v : spec.fixed().get(p.name())) {
        flat.add(v);
      }
    }
    this.fixedColumns = flat.stream().mapToDouble(Double::doubleValue).toArray();
    List<Axis> axes = grid.axes();
    this.axisColumn = new int[axes.size()];
    for (int a = 0; a < axes.size(); a++) {
      axisColumn[a] = offset.get(axes.get(a).param()) + Math.max(0, axes.get(a).element());
    }
    Map<String, InputParam> byName = spec.paramsByName();
    this.outputDims = new int[spec.outputs().size()][];
    int width = 0;
    for (int k = 0; k < outputDims.length; k++) {
      OutputSpec o = spec.outputs().get(k);
      outputDims[k] = o.dims(byName);
      width += o.size(byName);
    }
    if (factory.inputWidth() != fixedColumns.length || factory.outputWidth() != width) {
      throw new IllegalStateException(
          "evaluator takes "
              + factory.inputWidth()
              + " inputs and gives "
              + factory.outputWidth()
              + " outputs; the sweep has "
              + fixedColumns.length
              + " and "
              + width);
    }
  }

  @Override
  public Iterator<Row> call(Iterator<IndexRange> ranges) {
    List<IndexRange> list = new ArrayList<>();
    ranges.forEachRemaining(list::add);
    return new Rows(list);
  }

  /** Lazily evaluates the ranges batch by batch. */
  private final class Rows implements Iterator<Row> {
    private final List<IndexRange> ranges;
    private final BatchEvaluator evaluator = factory.create();
    private final double[][] in = new double[fixedColumns.length][];
    private final double[][] out = new double[factory.outputWidth()][];
    private final double[][] coords = new double[axisColumn.length][];
    private final long[] digits = new long[axisColumn.length];
    private final ColumnStats local = stats == null ? null : new ColumnStats(stats.columns());
    private int rangeIndex = -1;
    private long next;
    private long end;
    private int batchRows;
    private int batchPos;

    Rows(List<IndexRange> ranges) {
      this.ranges = ranges;
      for (int j = 0; j < in.length; j++) {
        in[j] = new double[batchSize];
        java.util.Arrays.fill(in[j], fixedColumns[j]);
      }
      for (int k = 0; k < out.length; k++) {
        out[k] = new double[batchSize];
      }
      for (int a = 0; a < coords.length; a++) {
        coords[a] = in[axisColumn[a]];
      }
    }

    @Override
    public boolean hasNext() {
      if (batchPos < batchRows) {
        return true;
      }
      while (next >= end) {
        if (++rangeIndex >= ranges.size()) {
          if (local != null) {
            stats.add(local);
            local.reset();
          }
          return false;
        }
        next = ranges.get(rangeIndex).start();
        end = ranges.get(rangeIndex).end();
        if (next < end) {
          grid.digits(next, digits);
        }
      }
      fillBatch();
      return true;
    }

    private void fillBatch() {
      int n = (int) Math.min(batchSize, end - next);
      List<Axis> axes = grid.axes();
      for (int r = 0; r < n; r++) {
        for (int a = 0; a < coords.length; a++) {
          coords[a][r] = axes.get(a).value(digits[a]);
        }
        if (r + 1 < n || next + n < end) {
          grid.increment(digits);
        }
      }
      evaluator.evaluate(in, out, n);
      if (local != null) {
        local.addRows(n);
        for (int a = 0; a < coords.length; a++) {
          local.addColumn(a, coords[a], n);
        }
        for (int k = 0; k < out.length; k++) {
          local.addColumn(coords.length + k, out[k], n);
        }
      }
      next += n;
      batchRows = n;
      batchPos = 0;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int r = batchPos++;
      Object[] values = new Object[coords.length + outputDims.length];
      int v = 0;
      for (double[] c : coords) {
        values[v++] = c[r];
      }
      int col = 0;
      for (int[] dims : outputDims) {
        if (dims.length == 0) {
          values[v++] = out[col++][r];
        } else if (dims.length == 1) {
          double[] vec = new double[dims[0]];
          for (int i = 0; i < vec.length; i++) {
            vec[i] = out[col++][r];
          }
          values[v++] = vec;
        } else {
          double[][] m = new double[dims[0]][dims[1]];
          for (double[] rowOfM : m) {
            for (int j = 0; j < rowOfM.length; j++) {
              rowOfM[j] = out[col++][r];
            }
          }
          values[v++] = m;
        }
      }
      return RowFactory.create(values);
    }
  }
}
