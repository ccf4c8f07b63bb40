package gradgrid.job.figures;

import static org.apache.spark.sql.functions.expr;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A value over a plane reduced in Spark to the mean per heatmap cell: {@code nx x ny} equal cells
 * spanning {@code [x0, x1] x [y0, y1]}. Cells with no finite value hold NaN.
 *
 * @param x0 left end of the x range
 * @param x1 right end of the x range
 * @param y0 bottom of the y range
 * @param y1 top of the y range
 * @param mean {@code mean[j][i]}: the mean in cell column i, cell row j (row 0 at the bottom)
 */
public record HeatmapGrid(double x0, double x1, double y0, double y1, double[][] mean) {

  /**
   * Aggregates one value expression over two coordinate columns.
   *
   * @param data the rows
   * @param x the column across
   * @param y the column up
   * @param value the SQL expression of the value
   * @param nx the cells across
   * @param ny the cells up
   * @return the grid
   */
  public static HeatmapGrid aggregate(
      Dataset<Row> data, String x, String y, String value, int nx, int ny) {
    String xq = "`" + x + "`";
    String yq = "`" + y + "`";
    Row range =
        data.selectExpr("min(" + xq + ")", "max(" + xq + ")", "min(" + yq + ")", "max(" + yq + ")")
            .first();
    double x0 = range.getDouble(0);
    double x1 = range.getDouble(1);
    double y0 = range.getDouble(2);
    double y1 = range.getDouble(3);
    double[][] mean = new double[ny][nx];
    for (double[] row : mean) {
      Arrays.fill(row, Double.NaN);
    }
    String v = "CAST(" + value + " AS DOUBLE)";
    for (Row r :
        data.select(
                expr(LineEnvelope.pixelColumn(xq, x0, x1 > x0 ? x1 : x0 + 1, nx)).as("i"),
                expr(LineEnvelope.pixelColumn(yq, y0, y1 > y0 ? y1 : y0 + 1, ny)).as("j"),
                expr("CASE WHEN abs(" + v + ") <= 1.7976931348623157E308 THEN " + v + " END")
                    .as("v"))
            .groupBy("i", "j")
            .agg(expr("avg(v)"))
            .collectAsList()) {
      if (!r.isNullAt(2)) {
        mean[r.getInt(1)][r.getInt(0)] = r.getDouble(2);
      }
    }
    return new HeatmapGrid(x0, x1, y0, y1, mean);
  }

  /**
   * The smallest and largest finite cell means.
   *
   * @return {@code {min, max}}, or {@code {0, 1}} when no cell has a value
   */
  public double[] range() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] row : mean) {
      for (double m : row) {
        if (!Double.isNaN(m)) {
          lo = Math.min(lo, m);
          hi = Math.max(hi, m);
        }
      }
    }
    return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
  }

  /**
   * Every cell mean, row by row (NaN for empty cells).
   *
   * @return the values
   */
  public double[] values() {
    return Arrays.stream(mean).flatMapToDouble(Arrays::stream).toArray();
  }
}
