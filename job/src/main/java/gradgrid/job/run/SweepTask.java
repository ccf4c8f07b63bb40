package gradgrid.job.run;

import gradgrid.ad.Param;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPointSet;
import gradgrid.job.criticals.CriticalPointsType;
import gradgrid.job.criticals.InnerScan;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Grid;
import gradgrid.job.grid.Samples;
import gradgrid.job.partitions.IndexRange;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.StructType;

/**
 * What one Spark task runs: for its index ranges, compute the coordinates of each row (mixed
 * radix), fill the axis columns batch by batch (the evaluator's only inputs: the fixed inputs are
 * bound into it), call the evaluator, and emit rows lazily (one batch in memory at a time).
 *
 * <p>Rows are Spark's binary {@code UnsafeRow}s: for a sampled grid first the sample index (a long,
 * when emitted), then one double per emitted axis (grid order), then per output a double (scalar),
 * an {@code array<double>} (vector) or an {@code array<array<double>>} (matrix, a list of rows), or
 * the struct of a {@code critical-points} output, which the task computes row by row with the
 * factory's inner scans ({@code gradgrid.job.criticals}). Sampled coordinates come from a per-task
 * {@link Samples.Cursor}: one sequence step per new sample, shared by every row of that sample. As
 * usual for Spark iterators, the returned row object is reused: consumers copy what they keep. The
 * grid may be a restriction of the sweep's grid (the positions a pushed-down filter keeps); a task
 * without outputs evaluates nothing and emits coordinates only.
 */
public final class SweepTask implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The most bytes a task's input and output batch columns may take together; a sweep with very
   * many columns evaluates fewer rows per batch instead (40,000 columns of 4,096 rows would be 1.3
   * GB per task and kill the executor with an {@code OutOfMemoryError}).
   */
  public static final long MAX_BATCH_BYTES = 64L << 20;

  private final Grid grid;
  private final boolean[] emitAxis;
  private final boolean emitSample;
  private final int[][] outputDims;
  private final boolean[] structured;
  private final int outputWidth;
  private final EvaluatorFactory factory;
  private final int batchSize;
  private final ColumnStats stats;
  private final StructType schema;

  /**
   * Prepares the task from a checked sweep.
   *
   * @param spec the sweep, with the outputs to compute
   * @param grid the sweep's grid or a restriction of it (the same axes, fewer positions)
   * @param emitAxis per axis, whether its column is in the rows
   * @param emitSample whether the sample index column is in the rows (only for a sampled grid)
   * @param factory the evaluator recipe, or null when {@code spec} has no outputs
   * @param stats a registered accumulator with one column per axis and output element, or null
   * @param schema the row schema (the sample index if emitted, emitted axes, then outputs)
   */
  public SweepTask(
      SweepSpec spec,
      Grid grid,
      boolean[] emitAxis,
      boolean emitSample,
      EvaluatorFactory factory,
      ColumnStats stats,
      StructType schema) {
    if ((factory == null) != spec.outputs().isEmpty()) {
      throw new IllegalArgumentException("an evaluator is needed exactly when there are outputs");
    }
    if (emitSample && grid.samples().isEmpty()) {
      throw new IllegalArgumentException("a sample index column needs a sampled grid");
    }
    this.grid = grid;
    this.emitAxis = emitAxis.clone();
    this.emitSample = emitSample;
    this.stats = stats;
    this.schema = schema;
    this.factory = factory;
    int outputs = factory == null ? 0 : factory.outputWidth();
    this.batchSize = batchRows(spec.batchSize(), grid.axes().size() + outputs);
    Map<String, Param> byName = spec.paramsByName();
    this.outputDims = new int[spec.outputs().size()][];
    this.structured = new boolean[outputDims.length];
    int width = 0;
    for (int k = 0; k < outputDims.length; k++) {
      OutputSpec o = spec.outputs().get(k);
      outputDims[k] = o.dims(byName);
      structured[k] = o instanceof OutputSpec.CriticalPoints;
      width += o.size(byName);
    }
    this.outputWidth = width;
    if (factory != null
        && (factory.inputWidth() != grid.axes().size() || factory.outputWidth() != width)) {
      throw new IllegalStateException(
          "evaluator takes "
              + factory.inputWidth()
              + " inputs and gives "
              + factory.outputWidth()
              + " outputs; the sweep has "
              + grid.axes().size()
              + " and "
              + width);
    }
  }

  /**
   * Rows per batch: the conf's {@code batch-size}, lowered so that the batch columns stay under
   * {@link #MAX_BATCH_BYTES} (at least one row).
   *
   * @param batchSize the conf's batch size
   * @param columns axis plus output columns of a batch
   * @return the rows per batch
   */
  public static int batchRows(int batchSize, int columns) {
    long fit = MAX_BATCH_BYTES / ((long) Double.BYTES * Math.max(1, columns));
    return (int) Math.max(1, Math.min(batchSize, fit));
  }

  /**
   * The rows of some index ranges of the task's grid, evaluated lazily.
   *
   * @param ranges the ranges, in order
   * @return the rows (the row object is reused)
   */
  public Iterator<InternalRow> rows(List<IndexRange> ranges) {
    return new Rows(batches(ranges));
  }

  /**
   * The batches of some index ranges of the task's grid, evaluated lazily: the kernel's own
   * columns, for readers that hand columns to Spark as they are.
   *
   * @param ranges the ranges, in order
   * @return the batches
   */
  public Batches batches(List<IndexRange> ranges) {
    try {
      return new Batches(ranges);
    } catch (OutOfMemoryError e) {
      throw new TaskOutOfMemory(outputWidth, batchSize, e);
    }
  }

  /**
   * Whether every output is a scalar (the rows are flat: the sample index if emitted, then one
   * double per axis and output).
   *
   * @return true if no output is an array
   */
  public boolean allScalar() {
    for (int k = 0; k < outputDims.length; k++) {
      if (outputDims[k].length != 0 || structured[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the rows start with the sample index column.
   *
   * @return true if emitted
   */
  public boolean emitsSample() {
    return emitSample;
  }

  /**
   * Number of axes of the task's grid.
   *
   * @return the axis count
   */
  public int axisCount() {
    return emitAxis.length;
  }

  /**
   * Number of output columns the evaluator fills (every output element).
   *
   * @return the flat output width
   */
  public int outputWidth() {
    return outputWidth;
  }

  /**
   * Whether an axis's column is in the rows.
   *
   * @param axis the axis index
   * @return true if emitted
   */
  public boolean emits(int axis) {
    return emitAxis[axis];
  }

  /**
   * One batch after another of a task's rows, as columns: the coordinates of each axis and the
   * evaluator's output columns. Each call to {@link #next} overwrites the columns.
   */
  public final class Batches {
    private final List<IndexRange> ranges;
    private final BatchEvaluator evaluator = factory == null ? null : factory.create();
    private final double[][] out = new double[evaluator == null ? 0 : factory.outputWidth()][];
    private final double[][] coords = new double[grid.axes().size()][];
    private final long[] digits = new long[coords.length];
    private final long[] sampleIndex = new long[grid.samples().isPresent() ? batchSize : 0];
    private final Samples.Cursor cursor = grid.samples().map(Samples::cursor).orElse(null);
    private final int firstSampled = firstSampled();
    private final ColumnStats local = stats == null ? null : new ColumnStats(stats.columns());
    private final InnerScan[] scans = factory == null ? new InnerScan[0] : factory.createScans();
    private final CriticalPointSet[][] sets = new CriticalPointSet[scans.length][batchSize];
    private final double[] outer = new double[coords.length];
    private int rangeIndex = -1;
    private long next;
    private long end;
    private int size;

    Batches(List<IndexRange> ranges) {
      this.ranges = ranges;
      for (int k = 0; k < out.length; k++) {
        out[k] = new double[batchSize];
      }
      for (int a = 0; a < coords.length; a++) {
        coords[a] = new double[batchSize];
      }
    }

    /**
     * Evaluates the next batch; after the last, adds the task's statistics to the accumulator.
     *
     * @return false when every range is done
     */
    public boolean next() {
      while (next >= end) {
        if (++rangeIndex >= ranges.size()) {
          if (local != null) {
            stats.add(local);
            local.reset();
          }
          size = 0;
          return false;
        }
        next = ranges.get(rangeIndex).start();
        end = ranges.get(rangeIndex).end();
        if (next < end) {
          grid.digits(next, digits);
        }
      }
      try {
        fill();
      } catch (OutOfMemoryError e) {
        throw new TaskOutOfMemory(out.length, batchSize, e);
      }
      return true;
    }

    private void fill() {
      int n = (int) Math.min(batchSize, end - next);
      List<Axis> axes = grid.axes();
      int fastest = grid.fastestAxis();
      // Runs along the fastest axis: it is filled in one loop, the other axes are constant. With
      // every axis sampled, consecutive rows are consecutive samples: one run of the whole batch.
      int r = 0;
      while (r < n) {
        int run =
            fastest < 0
                ? n - r
                : (int) Math.min(n - r, axes.get(fastest).points() - digits[fastest]);
        for (int a = 0; a < coords.length; a++) {
          if (a != fastest && !grid.isSampled(a)) {
            Arrays.fill(coords[a], r, r + run, axes.get(a).value(digits[a]));
          }
        }
        if (fastest >= 0) {
          axes.get(fastest).fill(digits[fastest], coords[fastest], r, run);
        }
        if (cursor != null) {
          fillSamples(r, run, fastest < 0);
        }
        r += run;
        if (next + r < end) {
          if (fastest >= 0) {
            digits[fastest] += run - 1;
            grid.increment(digits);
          } else {
            grid.digits(next + r, digits);
          }
        }
      }
      if (evaluator != null) {
        evaluator.evaluate(coords, out, n);
      }
      for (int row = 0; row < n && scans.length > 0; row++) {
        for (int a = 0; a < coords.length; a++) {
          outer[a] = coords[a][row];
        }
        for (int s = 0; s < scans.length; s++) {
          sets[s][row] = scans[s].scan(outer);
        }
      }
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
      size = n;
    }

    /**
     * The sampled coordinates and the sample index of rows {@code r .. r+run-1}: consecutive sample
     * positions when {@code moving}, else one sample for the whole run.
     */
    private void fillSamples(int r, int run, boolean moving) {
      long first = digits[firstSampled];
      for (int k = 0; k < (moving ? run : 1); k++) {
        double[] p = cursor.at(first + k);
        for (int a = 0; a < coords.length; a++) {
          if (grid.isSampled(a)) {
            double v = p[grid.sampleCoordinate(a)];
            if (moving) {
              coords[a][r + k] = v;
            } else {
              Arrays.fill(coords[a], r, r + run, v);
            }
          }
        }
      }
      Samples samples = grid.samples().orElseThrow();
      if (moving) {
        for (int k = 0; k < run; k++) {
          sampleIndex[r + k] = samples.index(first + k);
        }
      } else {
        Arrays.fill(sampleIndex, r, r + run, samples.index(first));
      }
    }

    /**
     * The sample index of each row in the current batch (the first {@link #size} values), for a
     * sampled grid.
     *
     * @return the column (overwritten by the next batch)
     */
    public long[] sampleIndex() {
      return sampleIndex;
    }

    /**
     * Rows in the current batch.
     *
     * @return the batch size
     */
    public int size() {
      return size;
    }

    /**
     * The coordinates of an axis in the current batch (the first {@link #size} values).
     *
     * @param a the axis index
     * @return the column (overwritten by the next batch)
     */
    public double[] axis(int a) {
      return coords[a];
    }

    /**
     * An output column of the evaluator in the current batch (the first {@link #size} values).
     *
     * @param k the flat output column
     * @return the column (overwritten by the next batch)
     */
    public double[] output(int k) {
      return out[k];
    }
  }

  /** The first sampled axis (its digit is the sample index), or -1 for a plain grid. */
  private int firstSampled() {
    for (int a = 0; a < emitAxis.length; a++) {
      if (grid.isSampled(a)) {
        return a;
      }
    }
    return -1;
  }

  /** Rows over the batches, one batch in memory at a time. */
  private final class Rows implements Iterator<InternalRow> {
    private final Batches batches;
    private final double[][] coords;
    private final double[][] out;
    private final CriticalPointSet[][] sets;
    private final SpecificInternalRow row = new SpecificInternalRow(schema);
    private final UnsafeProjection toUnsafe = UnsafeProjection.create(schema);
    // All-scalar rows (the common x-sweep) are written straight into one reused binary row.
    private final UnsafeRowWriter flat = allScalar() ? new UnsafeRowWriter(schema.size()) : null;
    private int batchPos;

    Rows(Batches batches) {
      this.batches = batches;
      this.coords = batches.coords;
      this.out = batches.out;
      this.sets = batches.sets;
    }

    @Override
    public boolean hasNext() {
      if (batchPos < batches.size()) {
        return true;
      }
      batchPos = 0;
      return batches.next();
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int r = batchPos++;
      if (flat != null) {
        flat.reset();
        flat.zeroOutNullBytes();
        int f = 0;
        if (emitSample) {
          flat.write(f++, batches.sampleIndex[r]);
        }
        for (int a = 0; a < coords.length; a++) {
          if (emitAxis[a]) {
            flat.write(f++, coords[a][r]);
          }
        }
        for (double[] c : out) {
          flat.write(f++, c[r]);
        }
        return flat.getRow();
      }
      int f = 0;
      if (emitSample) {
        row.setLong(f++, batches.sampleIndex[r]);
      }
      for (int a = 0; a < coords.length; a++) {
        if (emitAxis[a]) {
          row.setDouble(f++, coords[a][r]);
        }
      }
      int col = 0;
      int scan = 0;
      for (int k = 0; k < outputDims.length; k++) {
        int[] dims = outputDims[k];
        if (structured[k]) {
          row.update(f++, CriticalPointsType.toRow(sets[scan++][r]));
        } else if (dims.length == 0) {
          row.setDouble(f++, out[col++][r]);
        } else if (dims.length == 1) {
          row.update(f++, UnsafeArrayData.fromPrimitiveArray(gather(col, dims[0], r)));
          col += dims[0];
        } else {
          ArrayData[] rowsOfM = new ArrayData[dims[0]];
          for (int i = 0; i < dims[0]; i++) {
            rowsOfM[i] = UnsafeArrayData.fromPrimitiveArray(gather(col, dims[1], r));
            col += dims[1];
          }
          row.update(f++, new GenericArrayData(rowsOfM));
        }
      }
      return toUnsafe.apply(row);
    }

    private double[] gather(int firstColumn, int n, int r) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = out[firstColumn + i][r];
      }
      return v;
    }
  }
}
