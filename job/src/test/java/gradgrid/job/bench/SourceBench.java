package gradgrid.job.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import com.typesafe.config.ConfigFactory;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Grid;
import gradgrid.job.parquet.SweepSchema;
import gradgrid.job.parquet.SweepWriter;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.SweepTask;
import gradgrid.job.write.SweepToParquet;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark of the {@code gradgrid} source ({@code bench/source.sh}, issue 11), all in one JVM
 * so every ratio compares runs of the same session:
 *
 * <ol>
 *   <li>{@code sum(f), sum(df_dx), sum(d2f_dx2)} over the x-sweep of {@code conf/large.conf}
 *       through the source, against the same aggregate of the closed forms as Spark SQL expressions
 *       over {@code spark.range} ({@link ClosedFormSqlSweep#sweep});
 *   <li>the sweep to snappy Parquet: the CLI's path (through the source), the path before the
 *       source (an RDD of the same task rows turned into a DataFrame, rebuilt here as the
 *       reference), and the Spark SQL closed-form job writing the same columns;
 *   <li>{@code count(*)} with a pushed-down filter keeping 1e-6 of a 1e12-point axis.
 * </ol>
 *
 * <p>Usage: {@code SourceBench <aggregate points> <write points> <repeats> <scratch dir>}; prints
 * one table line per measurement (median wall seconds over the repeats, after two warm-up runs of
 * each). Write points 0 skips the writes.
 */
public final class SourceBench {
  private SourceBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args points, repeats, scratch directory
   * @throws Exception if a job fails
   */
  public static void main(String[] args) throws Exception {
    long aggregatePoints = (long) Double.parseDouble(args[0]);
    long writePoints = (long) Double.parseDouble(args[1]);
    int repeats = Integer.parseInt(args[2]);
    Path scratch = Path.of(args[3]);
    SparkSession spark = SparkSession.builder().appName("gradgrid source bench").getOrCreate();
    try {
      aggregate(spark, aggregatePoints, repeats, scratch);
      if (writePoints > 0) {
        write(spark, writePoints, repeats, scratch);
      }
      filtered(spark, repeats);
    } finally {
      spark.stop();
    }
  }

  /** The conf of the benchmark: conf/large.conf with {@code points} points of x. */
  private static String conf(long points, Path scratch) {
    return "include file(\"conf/large.conf\")\ninputs.x.points = "
        + points
        + "\noutput { dir = \""
        + scratch.resolve("gradgrid")
        + "\", mode = overwrite }\n";
  }

  private static Dataset<Row> source(SparkSession spark, String text, boolean columnar) {
    return spark
        .read()
        .format("gradgrid")
        .option("conf-text", text)
        .option("columnar", String.valueOf(columnar))
        .load();
  }

  private static void aggregate(SparkSession spark, long points, int repeats, Path scratch)
      throws Exception {
    String text = conf(points, scratch);
    int partitions = PartitionPlan.count(0, points, spark.sparkContext().defaultParallelism());
    System.out.printf(Locale.ROOT, "aggregate: %d points, %d partitions%n", points, partitions);
    double pushed = median(repeats, () -> aggregate(source(spark, text, true), false));
    double columnar = median(repeats, () -> aggregate(source(spark, text, true), true));
    double rows = median(repeats, () -> aggregate(source(spark, text, false), true));
    double sql =
        median(
            repeats, () -> aggregate(ClosedFormSqlSweep.sweep(spark, points, partitions), false));
    line(
        "sum(f), sum(df_dx), sum(d2f_dx2): pushed into the tasks",
        points,
        pushed,
        sql,
        "Spark SQL");
    line("sum(f + 0), ... (not pushed): columnar batches", points, columnar, sql, "Spark SQL");
    line("sum(f + 0), ... (not pushed): rows (columnar = false)", points, rows, sql, "Spark SQL");
  }

  private static void write(SparkSession spark, long points, int repeats, Path scratch)
      throws Exception {
    FunctionProviders providers = FunctionProviders.load();
    String text = conf(points, scratch);
    SweepSpec spec =
        new SweepConfLoader(providers, Path.of(""))
            .parse(ConfigFactory.parseString(text).resolve(), "bench");
    int partitions =
        PartitionPlan.count(spec.partitions(), points, spark.sparkContext().defaultParallelism());
    System.out.printf(Locale.ROOT, "write: %d points, %d partitions%n", points, partitions);
    EvaluatorFactory factory = providers.evaluator(spec);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    String codec = SweepWriter.codec(spark, spec);
    double cli = median(repeats, () -> SweepToParquet.run(spark, spec, factory, quiet));
    double rows =
        median(
            repeats,
            () ->
                SweepWriter.write(source(spark, text, false), spec, codec, fresh(scratch, "rows")));
    double rdd =
        median(
            repeats,
            () ->
                SweepWriter.write(
                    rddPath(spark, spec, factory, PartitionPlan.split(points, partitions)),
                    spec,
                    codec,
                    fresh(scratch, "rdd")));
    double sql =
        median(
            repeats,
            () ->
                ClosedFormSqlSweep.sweep(spark, points, partitions)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .option("compression", "snappy")
                    .parquet(scratch.resolve("sql").toString()));
    line(
        "sweep to Parquet: the CLI (through the source)",
        points,
        cli,
        rdd,
        "before the source (RDD)");
    line("sweep to Parquet: the source's rows", points, rows, rdd, "before the source (RDD)");
    line("sweep to Parquet: the CLI (through the source)", points, cli, sql, "Spark SQL");
    FileSystem.get(spark.sparkContext().hadoopConfiguration())
        .delete(new org.apache.hadoop.fs.Path(scratch.toString()), true);
  }

  private static org.apache.hadoop.fs.Path fresh(Path scratch, String name) {
    return new org.apache.hadoop.fs.Path(
        scratch.resolve(name + "-" + System.nanoTime()).toString());
  }

  private static void filtered(SparkSession spark, int repeats) throws Exception {
    String huge =
        "include file(\"conf/large.conf\")\ninputs.x { from = 0, to = 1, points = 1000000000000 }\n"
            + "output.max-bytes = 100T\n";
    String where = "x BETWEEN 0.25 AND 0.250001";
    double t =
        median(repeats, () -> source(spark, huge, true).where(where).agg(sum("f")).collectAsList());
    long kept = source(spark, huge, true).where(where).count();
    System.out.printf(
        Locale.ROOT,
        "| sum(f) WHERE %s on a 1e12-point axis (%d rows kept) | %.2f s |%n",
        where,
        kept,
        t);
  }

  /** Today's path before the source, kept here as the reference: an RDD of task rows. */
  private static Dataset<Row> rddPath(
      SparkSession spark, SweepSpec spec, EvaluatorFactory factory, List<IndexRange> ranges) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    StructType schema = SweepSchema.of(spec);
    Grid grid = spec.grid();
    boolean[] all = new boolean[grid.axes().size()];
    Arrays.fill(all, true);
    SweepTask task =
        new SweepTask(spec, grid, all, grid.samples().isPresent(), factory, null, schema);
    JavaRDD<InternalRow> rows =
        jsc.parallelize(ranges, ranges.size())
            .mapPartitions(
                it -> {
                  List<IndexRange> l = new ArrayList<>();
                  it.forEachRemaining(l::add);
                  return task.rows(l);
                });
    return ((org.apache.spark.sql.classic.SparkSession) spark)
        .internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /** The three sums, as plain columns (Spark pushes them down) or as expressions (it cannot). */
  private static void aggregate(Dataset<Row> d, boolean expressions) {
    if (expressions) {
      d.agg(sum(col("f").plus(0)), sum(col("df_dx").plus(0)), sum(col("d2f_dx2").plus(0)))
          .collectAsList();
    } else {
      d.agg(sum("f"), sum("df_dx"), sum("d2f_dx2")).collectAsList();
    }
  }

  /** A job to time. */
  @FunctionalInterface
  private interface Job {
    void run() throws Exception;
  }

  private static double median(int repeats, Job job) throws Exception {
    job.run(); // warm-up: JIT, kernel compile, Spark's codegen (the first job of a JVM needs two)
    job.run();
    double[] t = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long s = System.nanoTime();
      job.run();
      t[r] = (System.nanoTime() - s) / 1e9;
    }
    Arrays.sort(t);
    return t[repeats / 2];
  }

  private static void line(String what, long points, double g, double ref, String refName) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.3g rows/s (%.2f s) | %s: %.3g rows/s (%.2f s) | %.2fx |%n",
        what,
        points / g,
        g,
        refName,
        points / ref,
        ref,
        ref / g);
  }
}
