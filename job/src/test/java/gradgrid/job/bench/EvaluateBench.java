package gradgrid.job.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.typesafe.config.ConfigFactory;
import gradgrid.ad.Fn;
import gradgrid.ad.examples.Rational;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.frame.Gradgrid;
import gradgrid.job.frame.TableSweep;
import gradgrid.job.run.FunctionProviders;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The benchmark of {@link Gradgrid#evaluate} ({@code bench/evaluate.sh}, issue 13), in one JVM: the
 * x-sweep of the worked example ({@code f, f', f''} at {@code rows} points of x in [-10, 10], the
 * seed's coefficients fixed) as a grid sweep through the {@code gradgrid} data source, against the
 * same outputs added by {@code Gradgrid.of(f).fix(alpha).fix(beta)} to a cached DataFrame of the
 * same x values, and by {@code Gradgrid.evaluate} with the coefficients as array columns of every
 * row (the same kernel the SQL functions run, batched). Every row is materialised by Spark's {@code
 * noop} writer, so neither side can skip columns. A {@code from-table} sweep of the same row count
 * (100 coefficient rows of a temporary view, each at {@code rows / 100} x values) is timed beside
 * them. Goal: {@code Gradgrid.evaluate} at 0.8x the grid sweep's rows/s or better.
 *
 * <p>Usage: {@code EvaluateBench <rows> <repeats>}; prints the median wall seconds of each (after
 * two warm-up runs), rows/s and the ratios.
 */
public final class EvaluateBench {
  private static final double[] ALPHA = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
  private static final String[] OUTPUTS = {"f", "f'", "f''"};
  private static final long DRAWS = 100;

  private EvaluateBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args rows, repeats
   */
  public static void main(String[] args) {
    long rows = (long) Double.parseDouble(args[0]);
    int repeats = Integer.parseInt(args[1]);
    SparkSession spark = SparkSession.builder().appName("gradgrid evaluate bench").getOrCreate();
    try {
      int slices = spark.sparkContext().defaultParallelism();
      Dataset<Row> sweep =
          spark
              .read()
              .format("gradgrid")
              .option(
                  "conf-text",
                  "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
                      + "inputs { x { from = -10, to = 10, points = "
                      + rows
                      + " }\n  alpha = "
                      + Arrays.toString(ALPHA)
                      + "\n  beta = "
                      + Arrays.toString(BETA)
                      + " }\n"
                      + "outputs = [f, \"f'\", \"f''\"]\npartitions = "
                      + slices
                      + "\n")
              .load();
      Dataset<Row> xs =
          spark
              .range(0, rows, 1, slices)
              .select(lit(-10.0).plus(col("id").multiply(20.0 / (rows - 1))).as("x"))
              .persist(StorageLevel.MEMORY_ONLY());
      // the coefficient arrays as literal columns of every row of the cached x (not cached
      // themselves: 1e7 rows of two arrays would fill the heap)
      Dataset<Row> coefficients = xs.select(col("x"), lit(ALPHA).as("alpha"), lit(BETA).as("beta"));
      System.out.println("rows in the cached table: " + xs.count());
      Fn f = Rational.of(5, 5);
      Dataset<Row> fixed =
          Gradgrid.of(f).fix("alpha", ALPHA).fix("beta", BETA).outputs(OUTPUTS).on(xs);
      Dataset<Row> columns = Gradgrid.evaluate(coefficients, f, OUTPUTS);
      // a from-table sweep of the same row count: DRAWS coefficient rows, each at rows / DRAWS x
      spark
          .range(DRAWS)
          .select(col("id").as("draw"), lit(ALPHA).as("alpha"), lit(BETA).as("beta"))
          .createOrReplaceTempView("bench_draws");
      FunctionProviders providers = FunctionProviders.load();
      SweepSpec tableSpec =
          new SweepConfLoader(providers, Path.of(""))
              .parse(
                  ConfigFactory.parseString(
                      "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
                          + "inputs { from-table = bench_draws\n x { from = -10, to = 10, points = "
                          + rows / DRAWS
                          + " } }\noutputs = [f, \"f'\", \"f''\"]\n"),
                  "bench");
      TableSweep tableSweep = TableSweep.open(spark, tableSpec);
      Dataset<Row> table =
          tableSweep.read(providers.evaluator(tableSpec), tableSweep.partitions(slices), null);
      double tFloor =
          median(xs.mapPartitions(new AppendCopies(), Encoders.row(floorSchema(xs))), repeats);
      double tSweep = median(sweep, repeats);
      double tFixed = median(fixed, repeats);
      double tColumns = median(columns, repeats);
      double tTable = median(table, repeats);
      System.out.printf("grid sweep (data source): %.3f s (%.3g rows/s)%n", tSweep, rows / tSweep);
      System.out.printf(
          "Gradgrid.evaluate, coefficients fixed: %.3f s (%.3g rows/s), %.2fx the sweep's rows/s%n",
          tFixed, rows / tFixed, tSweep / tFixed);
      System.out.printf(
          "Gradgrid.evaluate, coefficients as columns: %.3f s (%.3g rows/s), %.2fx the sweep's"
              + " rows/s%n",
          tColumns, rows / tColumns, tSweep / tColumns);
      System.out.printf(
          "from-table sweep, %d draws x %d x values: %.3f s (%.3g rows/s), %.2fx the sweep's"
              + " rows/s%n",
          DRAWS,
          rows / DRAWS,
          tTable,
          tableSweep.rows() / tTable,
          tSweep / tTable * tableSweep.rows() / rows);
      System.out.printf(
          "floor of any row-wise mapPartitions (appends three copies of x, no kernel): %.3f s"
              + " (%.3g rows/s), %.2fx the sweep's rows/s%n",
          tFloor, rows / tFloor, tSweep / tFloor);
      System.out.println("goal: Gradgrid.evaluate at 0.8x the sweep's rows/s or better");
    } finally {
      spark.stop();
    }
  }

  private static StructType floorSchema(Dataset<Row> xs) {
    return xs.schema().add("a", "double").add("b", "double").add("c", "double");
  }

  /** The cheapest row-wise step with the evaluation's shape: three doubles appended per row. */
  private static final class AppendCopies implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          double x = rows.next().getDouble(0);
          return RowFactory.create(x, x, x, x);
        }
      };
    }
  }

  private static double median(Dataset<Row> df, int repeats) {
    return WallTime.median(() -> df.write().format("noop").mode("overwrite").save(), repeats);
  }
}
