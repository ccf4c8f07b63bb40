package gradgrid.job.parquet;

import gradgrid.job.conf.InputParam;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.SweepTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/** The evaluate and write stages: grid rows as a lazy Dataset, then Parquet through Spark. */
public final class SweepWriter {
  /**
   * Axes with at most this many points keep Parquet's dictionary encoding (their values repeat
   * across the grid); longer axes and all outputs, whose values rarely repeat, are written plain.
   */
  public static final long DICTIONARY_MAX_POINTS = 1 << 16;

  private SweepWriter() {}

  /**
   * The partition count for a sweep: the conf's, or one derived from rows and cores.
   *
   * @param spark the session (for its default parallelism)
   * @param spec the sweep
   * @return the partition count, at most the row count
   */
  public static int partitions(SparkSession spark, SweepSpec spec) {
    long rows = spec.grid().rows();
    if (spec.partitions() > 0) {
      return (int) Math.min(spec.partitions(), rows);
    }
    return PartitionPlan.defaultCount(rows, spark.sparkContext().defaultParallelism());
  }

  /**
   * Rows of some index ranges of the sweep as a Dataset. Only the ranges travel from the driver;
   * each task computes its own coordinates and outputs.
   *
   * @param spark the session
   * @param spec the sweep
   * @param factory the evaluator recipe
   * @param ranges the index ranges, one partition each
   * @param stats a registered accumulator for the summary, or null
   * @return the rows, schema {@link SweepSchema#of}
   */
  public static Dataset<Row> evaluate(
      SparkSession spark,
      SweepSpec spec,
      EvaluatorFactory factory,
      List<IndexRange> ranges,
      ColumnStats stats) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    StructType schema = SweepSchema.of(spec);
    JavaRDD<InternalRow> rows =
        jsc.parallelize(ranges, ranges.size())
            .mapPartitions(new SweepTask(spec, factory, stats, schema));
    // Binary rows straight into a DataFrame: no per-row conversion from external Rows.
    return ((org.apache.spark.sql.classic.SparkSession) spark)
        .internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /**
   * Appends rows as snappy Parquet to a run's staging directory with Spark's commit protocol (the
   * files appear when every task has committed). The output commit decides what the files become.
   *
   * @param rows the rows
   * @param spec the sweep (for the dictionary options)
   * @param staging the staging directory
   */
  public static void write(Dataset<Row> rows, SweepSpec spec, Path staging) {
    rows.write()
        .mode(SaveMode.Append)
        .option("compression", "snappy")
        .options(dictionaryOptions(spec))
        .parquet(staging.toString());
  }

  /**
   * Parquet writer options that turn dictionary encoding off for the columns whose values rarely
   * repeat: every output, and axes longer than {@link #DICTIONARY_MAX_POINTS}. For those, the
   * writer would fill a dictionary of distinct doubles until it overflows and then fall back to
   * plain encoding, page after page: about a fifth of the write time of an x-sweep (JFR, 1e7 rows).
   *
   * @param spec the sweep
   * @return options {@code parquet.enable.dictionary#<column path>} = {@code false}
   */
  public static Map<String, String> dictionaryOptions(SweepSpec spec) {
    Map<String, String> o = new LinkedHashMap<>();
    for (Axis a : spec.grid().axes()) {
      if (a.points() > DICTIONARY_MAX_POINTS) {
        o.put("parquet.enable.dictionary#" + a.column(), "false");
      }
    }
    Map<String, InputParam> params = spec.paramsByName();
    for (OutputSpec out : spec.outputs()) {
      // Spark writes arrays as Parquet's three-level lists: <name>.list.element
      String path = out.column() + ".list.element".repeat(out.dims(params).length);
      o.put("parquet.enable.dictionary#" + path, "false");
    }
    return o;
  }
}
