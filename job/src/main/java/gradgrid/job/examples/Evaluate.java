package gradgrid.job.examples;

import gradgrid.ad.Fn;
import gradgrid.ad.examples.Rational;
import gradgrid.job.frame.Gradgrid;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@link Gradgrid} on a DataFrame of one's own ({@code ./submit.sh example Evaluate}): the worked
 * example's value, slope and coefficient gradient added to a small table of labelled points whose x
 * column is named {@code t}, the coefficients fixed; then the same function with the coefficients
 * as array columns of each row, one of them null, and the extrema of f in x for each of those draws
 * ({@code critical-points}). Arguments, if any, replace the first table's outputs ({@code
 * ./submit.sh example Evaluate f "d2f/dx2"}).
 */
public final class Evaluate {
  private Evaluate() {}

  /**
   * Runs the example.
   *
   * @param args the first table's outputs in the conf's output syntax (default {@code f f'
   *     grad(beta)})
   */
  public static void main(String[] args) {
    String[] outputs = args.length > 0 ? args : new String[] {"f", "f'", "grad(beta)"};
    SparkSession spark = SparkSession.builder().appName("gradgrid example: Evaluate").getOrCreate();
    try {
      Fn f = Rational.of(5, 5);
      double[] alpha = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
      double[] beta = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
      Dataset<Row> points =
          spark.sql("SELECT * FROM VALUES ('a', -1.0D), ('b', 0.0D), ('c', 2.0D) AS p(label, t)");
      Gradgrid.of(f)
          .column("x", "t")
          .fix("alpha", alpha)
          .fix("beta", beta)
          .outputs(outputs)
          .on(points)
          .show(false);

      Dataset<Row> posterior =
          spark.sql(
              "SELECT * FROM VALUES"
                  + " (1, 0.5D, array(0.5D, -1.2D, -0.8D, 0.4D, 0.05D, -0.01D)),"
                  + " (2, 0.5D, array(0.6D, -1.1D, -0.8D, 0.4D, 0.05D, -0.01D)),"
                  + " (3, 0.5D, CAST(NULL AS array<double>)) AS s(draw, x, alpha)");
      Gradgrid.of(f).fix("beta", beta).outputs("f", "df/dx").on(posterior).show(false);

      // the extrema of f in x for each draw: x is scanned over its own grid, so it is fixed
      Gradgrid.of(f)
          .fix("x", 0)
          .fix("beta", beta)
          .outputs("critical-points(x, -10, 10, 20001)")
          .on(posterior.drop("x"))
          .selectExpr(
              "draw",
              "critical_points_x.maxima AS maxima",
              "critical_points_x.minima AS minima",
              "critical_points_x.x AS x")
          .show(false);
    } finally {
      spark.stop();
    }
  }
}
