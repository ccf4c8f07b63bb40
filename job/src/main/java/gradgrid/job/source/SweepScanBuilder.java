package gradgrid.job.source;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Samples;
import gradgrid.job.parquet.SweepSchema;
import gradgrid.job.run.FunctionProviders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownAggregates;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What a query asks of a sweep, before anything is computed: the columns it reads (the others are
 * neither built nor differentiated), the filters on axis columns and on the sample index that
 * shrink the grid (pushed only when exact; Spark evaluates the rest, among them every filter on a
 * sampled coordinate), a row limit, and aggregates without grouping ({@code count}, {@code sum},
 * {@code min}, {@code max} of scalar columns), which each task then computes over its rows so Spark
 * receives one row per partition.
 */
final class SweepScanBuilder
    implements SupportsPushDownRequiredColumns,
        SupportsPushDownFilters,
        SupportsPushDownLimit,
        SupportsPushDownAggregates {
  private final SweepSpec spec;
  private final FunctionProviders providers;
  private final SweepRuns.Run run;
  private final Map<String, Integer> axisIndex = new HashMap<>();
  private Set<String> required;
  private final Map<Integer, AxisPredicate> conditions = new HashMap<>();
  private Filter[] pushed = new Filter[0];
  private long limit = Long.MAX_VALUE;
  private final boolean columnar;
  private List<PushedAggregate> aggregates;

  SweepScanBuilder(
      SweepSpec spec, FunctionProviders providers, SweepRuns.Run run, boolean columnar) {
    this.spec = spec;
    this.columnar = columnar;
    this.providers = providers;
    this.run = run;
    List<Axis> axes = spec.grid().axes();
    for (int a = 0; a < axes.size(); a++) {
      axisIndex.put(axes.get(a).column(), a);
    }
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    Set<String> names = new HashSet<>();
    for (StructField f : requiredSchema.fields()) {
      names.add(f.name());
    }
    required = names;
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    if (run != null) {
      return filters;
    }
    // Grid axes prune, and the sample index (as the pseudo-axis after the last axis); a sampled
    // coordinate does not: its values are not ordered by position
    Map<String, Integer> prunable = new HashMap<>();
    axisIndex.forEach(
        (column, a) -> {
          if (!spec.grid().isSampled(a)) {
            prunable.put(column, a);
          }
        });
    if (spec.grid().samples().isPresent()) {
      prunable.put(Samples.INDEX_COLUMN, SweepScan.sampleIndexAxis(spec.grid()));
    }
    FilterPushdown translator = new FilterPushdown(prunable);
    List<Filter> accepted = new ArrayList<>();
    List<Filter> rest = new ArrayList<>();
    for (Filter f : filters) {
      Optional<Map<Integer, AxisPredicate>> t = translator.translate(f);
      if (t.isPresent()) {
        accepted.add(f);
        t.get().forEach((axis, p) -> conditions.merge(axis, p, AxisPredicate::and));
      } else {
        rest.add(f);
      }
    }
    pushed = accepted.toArray(new Filter[0]);
    return rest.toArray(new Filter[0]);
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed.clone();
  }

  @Override
  public boolean pushLimit(int n) {
    if (run != null) {
      return false;
    }
    limit = Math.min(limit, n);
    return true;
  }

  @Override
  public boolean pushAggregation(Aggregation aggregation) {
    if (run != null || aggregation.groupByExpressions().length > 0) {
      return false;
    }
    List<String> scalars = SweepSchema.scalarColumns(spec);
    List<PushedAggregate> pushedAggregates = new ArrayList<>();
    for (AggregateFunc f : aggregation.aggregateExpressions()) {
      Optional<PushedAggregate> a = PushedAggregate.of(f);
      if (a.isEmpty() || (a.get().column() != null && !scalars.contains(a.get().column()))) {
        return false;
      }
      pushedAggregates.add(a.get());
    }
    aggregates = pushedAggregates;
    return true;
  }

  @Override
  public Scan build() {
    return new SweepScan(
        spec, providers, run, axisIndex, required, conditions, pushed, limit, columnar, aggregates);
  }
}
