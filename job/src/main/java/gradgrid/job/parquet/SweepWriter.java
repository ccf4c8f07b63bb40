package gradgrid.job.parquet;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.SweepTask;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** The evaluate and write stages: grid rows as a lazy Dataset, then Parquet through Spark. */
public final class SweepWriter {
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
    JavaRDD<Row> rows =
        jsc.parallelize(ranges, ranges.size()).mapPartitions(new SweepTask(spec, factory, stats));
    return spark.createDataFrame(rows, SweepSchema.of(spec));
  }

  /**
   * Writes the rows as snappy Parquet with Spark's commit protocol ({@code _SUCCESS} on commit).
   *
   * @param rows the rows
   * @param spec the sweep (output location and write mode)
   */
  public static void write(Dataset<Row> rows, SweepSpec spec) {
    rows.write()
        .mode(spec.mode() == WriteMode.OVERWRITE ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
        .option("compression", "snappy")
        .parquet(spec.output());
  }
}
