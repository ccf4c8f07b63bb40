package gradgrid.job.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import gradgrid.job.partitions.PartitionPlan;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's reference ({@code bench/sweep.sh}, issue 4): the x-sweep of {@code
 * conf/large.conf} as a plain Spark SQL job over {@code spark.range}, with f, f', f'' written as
 * built-in column expressions of the closed forms of DESIGN.md (Horner for P, P', P'', Q, Q', Q''),
 * writing the same columns ({@code x, f, df_dx, d2f_dx2}) as snappy Parquet with the same partition
 * count as the sweep. Lives in the test sources so it stays out of the app jar.
 *
 * <p>Usage: {@code ClosedFormSqlSweep <points> <output dir>}; prints {@code rows seconds} of the
 * write job (session start-up excluded, as in the sweep summary's {@code wallSeconds}).
 */
public final class ClosedFormSqlSweep {
  // The coefficients of conf/large.conf.
  private static final double[] ALPHA = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
  private static final double FROM = -10;
  private static final double TO = 10;

  private ClosedFormSqlSweep() {}

  /**
   * Runs the reference job.
   *
   * @param args points and output directory
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("Usage: ClosedFormSqlSweep <points> <output dir>");
      System.exit(2);
    }
    long points = (long) Double.parseDouble(args[0]);
    SparkSession spark = SparkSession.builder().appName("closed-form SQL reference").getOrCreate();
    try {
      long start = System.nanoTime();
      int partitions =
          PartitionPlan.defaultCount(points, spark.sparkContext().defaultParallelism());
      sweep(spark, points, partitions)
          .write()
          .mode("overwrite")
          .option("compression", "snappy")
          .parquet(args[1]);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "reference: %d rows %.3f s%n", points, seconds);
    } finally {
      spark.stop();
    }
  }

  /** x as Linspace computes it, then f, f', f'' from the closed forms. */
  static Dataset<Row> sweep(SparkSession spark, long points, int partitions) {
    Column i = col("id");
    Column ratio = i.cast("double").divide(lit((double) (points - 1)));
    Column x =
        when(i.equalTo(lit(points - 1)), lit(TO))
            .otherwise(lit(FROM).plus(lit(TO - FROM).multiply(ratio)));
    Dataset<Row> xs = spark.range(0, points, 1, partitions).select(x.as("x"));
    Column xc = col("x");
    Dataset<Row> polys =
        xs.select(
            xc,
            horner(ALPHA, 0, xc).as("p"),
            horner(ALPHA, 1, xc).as("p1"),
            horner(ALPHA, 2, xc).as("p2"),
            horner(BETA, 0, xc).as("q"),
            horner(BETA, 1, xc).as("q1"),
            horner(BETA, 2, xc).as("q2"));
    Column[] f = closedForms();
    return polys.select(xc, f[0].as("f"), f[1].as("df_dx"), f[2].as("d2f_dx2"));
  }

  /**
   * f, f', f'' from the columns {@code p, p1, p2, q, q1, q2} (P, Q and their derivatives at x), by
   * the closed forms of DESIGN.md.
   */
  static Column[] closedForms() {
    Column p = col("p");
    Column p1 = col("p1");
    Column p2 = col("p2");
    Column q = col("q");
    Column q1 = col("q1");
    Column q2 = col("q2");
    Column d = lit(1.0).plus(q.multiply(q));
    Column d2 = d.multiply(d);
    Column f = p.divide(d);
    // f' = P'/D - 2 P Q Q' / D^2
    Column df = p1.divide(d).minus(lit(2.0).multiply(p).multiply(q).multiply(q1).divide(d2));
    // f'' = P''/D - 4 P' Q Q'/D^2 - 2 P (Q'^2 + Q Q'')/D^2 + 8 P Q^2 Q'^2 / D^3
    Column d2f =
        p2.divide(d)
            .minus(lit(4.0).multiply(p1).multiply(q).multiply(q1).divide(d2))
            .minus(lit(2.0).multiply(p).multiply(q1.multiply(q1).plus(q.multiply(q2))).divide(d2))
            .plus(
                lit(8.0)
                    .multiply(p)
                    .multiply(q.multiply(q))
                    .multiply(q1.multiply(q1))
                    .divide(d2.multiply(d)));
    return new Column[] {f, df, d2f};
  }

  /** The k-th derivative (k = 0, 1, 2) of sum c_i x^i by Horner's rule. */
  static Column horner(double[] c, int k, Column x) {
    return horner(i -> lit(c[i]), c.length - 1, k, x);
  }

  /**
   * The k-th derivative of sum c(i) x^i, i = 0..n, by Horner's rule, each coefficient a column.
   *
   * @param c the coefficient of x^i
   * @param n the degree
   * @param k the derivative's order
   * @param x the point
   * @return the column
   */
  static Column horner(IntFunction<Column> c, int n, int k, Column x) {
    Column acc = c.apply(n).multiply(fallingFactorial(n, k));
    for (int j = n - 1; j >= k; j--) {
      acc = acc.multiply(x).plus(c.apply(j).multiply(fallingFactorial(j, k)));
    }
    return acc;
  }

  private static double fallingFactorial(int j, int k) {
    double r = 1;
    for (int t = 0; t < k; t++) {
      r *= j - t;
    }
    return r;
  }
}
