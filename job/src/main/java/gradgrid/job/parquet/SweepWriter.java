package gradgrid.job.parquet;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.InputParam;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.SweepTask;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
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
   * The sweep's rows as a Dataset. Only the index ranges travel from the driver; each task computes
   * its own coordinates and outputs.
   *
   * @param spark the session
   * @param spec the sweep
   * @param factory the evaluator recipe
   * @param partitions the partition count
   * @param stats a registered accumulator for the summary, or null
   * @return the rows, schema {@link SweepSchema#of}
   */
  public static Dataset<Row> evaluate(
      SparkSession spark,
      SweepSpec spec,
      EvaluatorFactory factory,
      int partitions,
      ColumnStats stats) {
    List<IndexRange> ranges = PartitionPlan.split(spec.grid().rows(), partitions);
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
   * Writes the rows as snappy Parquet with Spark's commit protocol ({@code _SUCCESS} on commit).
   * Checks the output again with {@link OutputGuard} on its own file system, deletes an old
   * gradgrid output in {@code overwrite} mode, then writes {@link OutputGuard#IN_PROGRESS} before
   * any row; {@link #finish} removes it once the summary is written, so an output without {@code
   * _SUCCESS} or with the marker is unfinished.
   *
   * @param rows the rows
   * @param spec the sweep (output location and write mode)
   */
  public static void write(Dataset<Row> rows, SweepSpec spec) {
    Path out = new Path(spec.output());
    try {
      FileSystem fs = out.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration());
      if (OutputGuard.check(fs, out, spec.mode()) && !fs.delete(out, true)) {
        throw new IOException("cannot delete the old output " + out);
      }
      fs.mkdirs(out);
      try (OutputStream marker = fs.create(new Path(out, OutputGuard.IN_PROGRESS), true)) {
        marker.write(spec.confJson().getBytes(StandardCharsets.UTF_8));
      }
    } catch (UnsupportedFileSystemException e) {
      throw new ConfException(
          "output.dir: " + out + ": no file system for this scheme here (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the output " + out, e);
    }
    // Append into the directory prepared above (it holds the marker); the guard did the mode check.
    rows.write()
        .mode(SaveMode.Append)
        .option("compression", "snappy")
        .options(dictionaryOptions(spec))
        .parquet(spec.output());
  }

  /**
   * Marks the output finished by removing {@link OutputGuard#IN_PROGRESS}; call after the summary.
   *
   * @param spark the session (for the Hadoop configuration)
   * @param spec the sweep
   */
  public static void finish(SparkSession spark, SweepSpec spec) {
    Path marker = new Path(spec.output(), OutputGuard.IN_PROGRESS);
    try {
      marker.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(marker, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + marker, e);
    }
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
