package gradgrid.job.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import gradgrid.job.functions.GradgridFunctions;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The benchmark of gradgrid's SQL functions ({@code bench/functions.sh}, issue 13), in one JVM: a
 * cached table of {@code x} (the x-sweep's points) and the coefficient arrays {@code alpha}, {@code
 * beta} as columns of every row, and {@code sum(f), sum(df_dx), sum(d2f_dx2)} over it computed by
 * {@code gradgrid.seed.f(x, alpha, beta)} and its derivatives, against the same sums of the closed
 * forms written as built-in Spark SQL expressions reading the same columns (Horner, DESIGN.md).
 * Goal: the SQL functions within 2x of the closed-form expressions per row.
 *
 * <p>Usage: {@code FunctionsBench <rows> <repeats> <conf dir>}; prints the median wall seconds of
 * each (after two warm-up runs) and the ratio.
 */
public final class FunctionsBench {
  private static final double[] ALPHA = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};

  private FunctionsBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args rows, repeats, the directory holding seed.conf
   */
  public static void main(String[] args) {
    long rows = (long) Double.parseDouble(args[0]);
    int repeats = Integer.parseInt(args[1]);
    SparkSession spark =
        SparkSession.builder()
            .appName("gradgrid functions bench")
            .config("spark.sql.catalog.gradgrid", GradgridFunctions.class.getName())
            .config("spark.sql.catalog.gradgrid.confs", args[2])
            .getOrCreate();
    try {
      Dataset<Row> table =
          spark
              .range(0, rows, 1, spark.sparkContext().defaultParallelism())
              .select(
                  lit(-10.0).plus(col("id").multiply(20.0 / (rows - 1))).as("x"),
                  array(literals(ALPHA)).as("alpha"),
                  array(literals(BETA)).as("beta"))
              .persist(StorageLevel.MEMORY_ONLY());
      System.out.println("rows in the cached table: " + table.count());
      table.createOrReplaceTempView("pts");
      String sql =
          "SELECT sum(gradgrid.seed.f(x, alpha, beta)), sum(gradgrid.seed.df_dx(x, alpha, beta)),"
              + " sum(gradgrid.seed.d2f_dx2(x, alpha, beta)) FROM pts";
      Dataset<Row> closed = closedForms(table);
      double functions = WallTime.median(() -> spark.sql(sql).collectAsList(), repeats);
      double reference = WallTime.median(closed::collectAsList, repeats);
      System.out.printf(
          "SQL functions f, df_dx, d2f_dx2: %.3f s (%.3g rows/s)%n", functions, rows / functions);
      System.out.printf(
          "closed forms as Spark SQL expressions: %.3f s (%.3g rows/s)%n",
          reference, rows / reference);
      System.out.printf(
          "per row: SQL functions %.1f ns, closed forms %.1f ns, ratio %.2fx (goal: at most 2x)%n",
          functions / rows * 1e9 * spark.sparkContext().defaultParallelism(),
          reference / rows * 1e9 * spark.sparkContext().defaultParallelism(),
          functions / reference);
      System.out.println(
          "sums (functions, closed forms): " + spark.sql(sql).first() + " " + closed.first());
    } finally {
      spark.stop();
    }
  }

  private static Column[] literals(double[] c) {
    return Arrays.stream(c).mapToObj(v -> lit(v)).toArray(Column[]::new);
  }

  /** The sums of f, f', f'' from the closed forms, reading the coefficients from the columns. */
  private static Dataset<Row> closedForms(Dataset<Row> table) {
    Column x = col("x");
    Column alpha = col("alpha");
    Column beta = col("beta");
    Dataset<Row> polys =
        table.select(
            ClosedFormSqlSweep.horner(alpha::getItem, 5, 0, x).as("p"),
            ClosedFormSqlSweep.horner(alpha::getItem, 5, 1, x).as("p1"),
            ClosedFormSqlSweep.horner(alpha::getItem, 5, 2, x).as("p2"),
            ClosedFormSqlSweep.horner(beta::getItem, 5, 0, x).as("q"),
            ClosedFormSqlSweep.horner(beta::getItem, 5, 1, x).as("q1"),
            ClosedFormSqlSweep.horner(beta::getItem, 5, 2, x).as("q2"));
    Column[] f = ClosedFormSqlSweep.closedForms();
    return polys.agg(sum(f[0]), sum(f[1]), sum(f[2]));
  }
}
