package gradgrid.job.source;

import gradgrid.ad.Param;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Grid;
import gradgrid.job.grid.PositionSet;
import gradgrid.job.grid.Restricted;
import gradgrid.job.grid.Samples;
import gradgrid.job.parquet.SweepSchema;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.SweepTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One planned read of a sweep: the grid restricted to the positions the pushed filters keep, cut to
 * the limit, split into index-range partitions; the evaluator built for the read outputs only.
 * Planning touches no row; the evaluator (trace, transforms, simplification) is built on the driver
 * when Spark first asks for the reader factory, and compiled on each executor.
 */
final class SweepScan implements Scan, Batch, SupportsReportStatistics {
  private final SweepSpec spec;
  private final FunctionProviders providers;
  private final SweepRuns.Run run;
  private final SweepSpec read;
  private final boolean[] emitAxis;
  private final boolean emitSample;
  private final Grid grid;
  private final long rows;
  private final Filter[] pushed;
  private final StructType schema;
  private final boolean columnar;
  private final List<PushedAggregate> aggregates;
  private final Map<String, Integer> axisIndex;
  private EvaluatorFactory factory;

  SweepScan(
      SweepSpec spec,
      FunctionProviders providers,
      SweepRuns.Run run,
      Map<String, Integer> axisIndex,
      Set<String> required,
      Map<Integer, AxisPredicate> conditions,
      Filter[] pushed,
      long limit,
      boolean columnar,
      List<PushedAggregate> aggregates) {
    this.spec = spec;
    this.columnar = columnar;
    this.aggregates = aggregates;
    this.axisIndex = axisIndex;
    if (aggregates != null) {
      required = new HashSet<>();
      for (PushedAggregate a : aggregates) {
        if (a.column() != null) {
          required.add(a.column());
        }
      }
    }
    this.providers = providers;
    this.run = run;
    this.pushed = pushed;
    List<Axis> axes = spec.grid().axes();
    List<OutputSpec> outputs = new ArrayList<>();
    for (OutputSpec o : spec.outputs()) {
      if (run != null || required == null || required.contains(o.column())) {
        outputs.add(o);
      }
    }
    this.read = spec.withOutputs(outputs);
    this.emitAxis = new boolean[axes.size()];
    List<Axis> kept = new ArrayList<>();
    long n = 1;
    for (int a = 0; a < axes.size(); a++) {
      Axis axis = axes.get(a);
      emitAxis[a] = run != null || required == null || required.contains(axis.column());
      AxisPredicate p = conditions.get(a);
      PositionSet s = p == null ? PositionSet.all(axis.points()) : AxisPositions.of(axis, p);
      n = s.count() == 0 ? 0 : n;
      kept.add(s.isAll(axis.points()) || s.count() == 0 ? axis : new Restricted(axis, s));
    }
    AxisPredicate onSamples = conditions.get(sampleIndexAxis(spec.grid()));
    if (onSamples != null) {
      Samples samples = spec.grid().samples().orElseThrow();
      PositionSet s = AxisPositions.ofIndices(samples.points(), onSamples);
      n = s.count() == 0 ? 0 : n;
      if (s.count() > 0 && !s.isAll(samples.points())) {
        Samples restricted = samples.restrict(s);
        for (int a = 0; a < axes.size(); a++) {
          if (spec.grid().isSampled(a)) {
            kept.set(a, restricted.axes().get(spec.grid().sampleCoordinate(a)));
          }
        }
      }
    }
    this.grid = new Grid(kept);
    this.emitSample =
        grid.samples().isPresent()
            && (run != null || required == null || required.contains(Samples.INDEX_COLUMN));
    this.rows = n == 0 ? 0 : Math.min(grid.rows(), limit);
    List<StructField> fields = new ArrayList<>();
    StructType all = SweepSchema.of(read);
    for (StructField f : all.fields()) {
      int axis = axisIndex.getOrDefault(f.name(), -1);
      boolean sampleIndex = grid.samples().isPresent() && f.name().equals(Samples.INDEX_COLUMN);
      if (sampleIndex ? emitSample : axis < 0 || emitAxis[axis]) {
        fields.add(f);
      }
    }
    if (aggregates != null) {
      fields.clear();
      for (int k = 0; k < aggregates.size(); k++) {
        fields.add(DataTypes.createStructField("agg" + k, aggregates.get(k).type(), false));
      }
    }
    this.schema = new StructType(fields.toArray(new StructField[0]));
  }

  /**
   * The key of a condition on the sample index among the per-axis conditions: the pseudo-axis after
   * the grid's last axis.
   *
   * @param grid the sweep's grid
   * @return the axis count
   */
  static int sampleIndexAxis(Grid grid) {
    return grid.axes().size();
  }

  @Override
  public StructType readSchema() {
    return schema;
  }

  @Override
  public String description() {
    String outs = read.outputs().stream().map(OutputSpec::column).collect(Collectors.joining(", "));
    StringBuilder sb =
        new StringBuilder("gradgrid ")
            .append(spec.function().describe())
            .append(" [rows: ")
            .append(rows)
            .append(" of ")
            .append(spec.grid().rows())
            .append(", outputs: ")
            .append(outs.isEmpty() ? "none" : outs);
    if (pushed.length > 0) {
      sb.append(", pushed: ").append(Arrays.toString(pushed));
    }
    if (aggregates != null) {
      sb.append(", aggregates per partition: ").append(aggregates);
    }
    return sb.append(']').toString();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    List<IndexRange> ranges;
    if (run != null) {
      ranges = run.ranges();
    } else if (rows == 0) {
      ranges = List.of();
    } else {
      int cores = SparkSession.active().sparkContext().defaultParallelism();
      ranges =
          PartitionPlan.split(
              rows, PartitionPlan.count(spec.partitions(), rows, spec.innerPointsPerRow(), cores));
    }
    return ranges.stream().map(RangePartition::new).toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    SweepTask task =
        new SweepTask(
            read,
            grid,
            emitAxis,
            emitSample,
            evaluator(),
            run == null ? null : run.stats(),
            schema);
    return new SweepReaderFactory(task, columnar, partials());
  }

  /** The pushed aggregates bound to the columns of the task's batches, or null. */
  private PartialAggregates partials() {
    if (aggregates == null) {
      return null;
    }
    boolean[] axis = new boolean[aggregates.size()];
    int[] index = new int[aggregates.size()];
    for (int k = 0; k < aggregates.size(); k++) {
      String c = aggregates.get(k).column();
      int a = c == null ? -1 : axisIndex.getOrDefault(c, -1);
      axis[k] = a >= 0;
      index[k] = a >= 0 ? a : outputColumn(c);
    }
    return new PartialAggregates(List.copyOf(aggregates), axis, index);
  }

  /** The flat output column of a scalar output of the read spec (0 for a count). */
  private int outputColumn(String column) {
    Map<String, Param> params = read.paramsByName();
    int flat = 0;
    for (OutputSpec o : read.outputs()) {
      if (o.column().equals(column)) {
        return flat;
      }
      flat += o.size(params);
    }
    return 0;
  }

  /**
   * The evaluator of the read outputs (none when the query reads no output), built once.
   *
   * @return the factory, or null
   */
  synchronized EvaluatorFactory evaluator() {
    if (factory == null && !read.outputs().isEmpty()) {
      factory = run != null ? run.factory() : providers.evaluator(read);
    }
    return factory;
  }

  @Override
  public Statistics estimateStatistics() {
    Map<String, Param> params = read.paramsByName();
    long bytesPerRow = emitSample ? Long.BYTES : 0;
    for (int a = 0; a < emitAxis.length; a++) {
      bytesPerRow += emitAxis[a] ? Double.BYTES : 0;
    }
    for (OutputSpec o : read.outputs()) {
      bytesPerRow += (long) Double.BYTES * o.size(params) + 16L * o.dims(params).length;
    }
    long bytes =
        rows > Long.MAX_VALUE / Math.max(1, bytesPerRow) ? Long.MAX_VALUE : rows * bytesPerRow;
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return OptionalLong.of(bytes);
      }

      @Override
      public OptionalLong numRows() {
        return OptionalLong.of(rows);
      }
    };
  }
}
