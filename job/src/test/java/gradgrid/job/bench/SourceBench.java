package gradgrid.job.bench;

import static org.apache.spark.sql.functions.sum;

import com.typesafe.config.ConfigFactory;
import gradgrid.job.SweepMain;
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
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
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
 * <p>Usage: {@code SourceBench <points> <repeats> <scratch dir>}; prints one table line per
 * measurement (median wall seconds over the repeats, after one warm-up run of each).
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
    long points = (long) Double.parseDouble(args[0]);
    int repeats = Integer.parseInt(args[1]);
    Path scratch = Path.of(args[2]);
    SparkSession spark = SparkSession.builder().appName("gradgrid source bench").getOrCreate();
    try {
      run(spark, points, repeats, scratch);
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, long points, int repeats, Path scratch)
      throws Exception {
    FunctionProviders providers = FunctionProviders.load();
    String text =
        "include file(\"conf/large.conf\")\ninputs.x.points = "
            + points
            + "\noutput { dir = \""
            + scratch.resolve("gradgrid")
            + "\", mode = overwrite }\n";
    SweepSpec spec =
        new SweepConfLoader(providers, Path.of(""))
            .parse(ConfigFactory.parseString(text).resolve(), "bench");
    int cores = spark.sparkContext().defaultParallelism();
    int partitions = PartitionPlan.count(spec.partitions(), points, cores);
    Supplier<Dataset<Row>> source =
        () -> spark.read().format("gradgrid").option("conf-text", text).load();
    Supplier<Dataset<Row>> sql = () -> ClosedFormSqlSweep.sweep(spark, points, partitions);

    System.out.printf(
        Locale.ROOT, "points %d, partitions %d, cores %d%n", points, partitions, cores);
    Supplier<Dataset<Row>> sourceRows =
        () ->
            spark
                .read()
                .format("gradgrid")
                .option("conf-text", text)
                .option("columnar", "false")
                .load();
    double agg = median(repeats, () -> aggregate(source.get()));
    double aggRows = median(repeats, () -> aggregate(sourceRows.get()));
    double aggSql = median(repeats, () -> aggregate(sql.get()));
    line("aggregate sum(f), sum(df_dx), sum(d2f_dx2), columnar", points, agg, aggSql, "Spark SQL");
    line("aggregate, rows (columnar = false)", points, aggRows, aggSql, "Spark SQL");

    EvaluatorFactory factory = providers.evaluator(spec);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    double cli = median(repeats, () -> SweepMain.sweep(spark, spec, factory, quiet));
    Dataset<Row> rowsWrite = sourceRows.get();
    double cliRows =
        median(
            repeats,
            () ->
                SweepWriter.write(
                    rowsWrite,
                    spec,
                    new org.apache.hadoop.fs.Path(
                        scratch.resolve("rows-" + System.nanoTime()).toString())));
    double rdd =
        median(
            repeats,
            () ->
                SweepWriter.write(
                    rddPath(spark, spec, factory, PartitionPlan.split(points, partitions)),
                    spec,
                    new org.apache.hadoop.fs.Path(
                        scratch.resolve("rdd-" + System.nanoTime()).toString())));
    double sqlWrite =
        median(
            repeats,
            () ->
                sql.get()
                    .write()
                    .mode(SaveMode.Overwrite)
                    .option("compression", "snappy")
                    .parquet(scratch.resolve("sql").toString()));
    line(
        "sweep to Parquet (CLI, through the source)",
        points,
        cli,
        rdd,
        "the path before the source (RDD)");
    line(
        "sweep to Parquet (CLI, through the source)",
        points,
        cli,
        sqlWrite,
        "Spark SQL closed forms");
    FileSystem.get(spark.sparkContext().hadoopConfiguration())
        .delete(new org.apache.hadoop.fs.Path(scratch.toString()), true);

    String huge =
        "include file(\"conf/large.conf\")\ninputs.x { from = 0, to = 1, points = 1000000000000 }\n"
            + "outputs = [f, \"f'\", \"f''\"]\noutput.max-bytes = 100T\n";
    double[] count = new double[1];
    double filtered =
        median(
            repeats,
            () ->
                count[0] =
                    spark
                        .read()
                        .format("gradgrid")
                        .option("conf-text", huge)
                        .load()
                        .where("x BETWEEN 0.25 AND 0.250001")
                        .agg(sum("f"))
                        .count());
    long kept =
        spark
            .read()
            .format("gradgrid")
            .option("conf-text", huge)
            .load()
            .where("x BETWEEN 0.25 AND 0.250001")
            .count();
    System.out.printf(
        Locale.ROOT,
        "| sum(f) WHERE x BETWEEN 0.25 AND 0.250001 on a 1e12-point axis (%d rows kept) | %.2f s |%n",
        kept,
        filtered);
  }

  /** Today's path before the source, kept here as the reference: an RDD of task rows. */
  private static Dataset<Row> rddPath(
      SparkSession spark, SweepSpec spec, EvaluatorFactory factory, List<IndexRange> ranges) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    StructType schema = SweepSchema.of(spec);
    Grid grid = spec.grid();
    boolean[] all = new boolean[grid.axes().size()];
    Arrays.fill(all, true);
    SweepTask task = new SweepTask(spec, grid, all, factory, null, schema);
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

  private static void aggregate(Dataset<Row> d) {
    d.agg(sum("f"), sum("df_dx"), sum("d2f_dx2")).collectAsList();
  }

  /** A job to time. */
  @FunctionalInterface
  private interface Job {
    void run() throws Exception;
  }

  private static double median(int repeats, Job job) throws Exception {
    job.run(); // warm-up: JIT, kernel compile, Spark's codegen
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
