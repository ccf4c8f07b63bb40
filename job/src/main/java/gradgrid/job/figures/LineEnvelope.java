package gradgrid.job.figures;

import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One curve reduced in Spark to the resolution of the picture: for each of {@code columns} equal
 * slices of the x range (a pixel column), the first, lowest, highest and last point (M4). Drawn as
 * a polyline through those points in x order, it covers exactly the pixels the full curve would,
 * and keeps every extreme. Non-finite values are left out.
 *
 * @param label the legend text
 * @param lo per pixel column, the lowest finite value (NaN where the column has none)
 * @param hi per pixel column, the highest finite value (NaN where the column has none)
 * @param xs the polyline's x values, ascending
 * @param ys the polyline's y values
 */
public record LineEnvelope(String label, double[] lo, double[] hi, double[] xs, double[] ys) {

  /**
   * A curve already as small as the picture (computed at about two points per pixel): each point
   * its own column, so its extremes are its points'.
   *
   * @param label the legend text
   * @param xs the x values, ascending
   * @param ys the y values
   * @return the curve
   */
  public static LineEnvelope ofPoints(String label, double[] xs, double[] ys) {
    return new LineEnvelope(label, ys, ys, xs, ys);
  }

  /**
   * Reduces several curves over the same x in one Spark aggregation.
   *
   * @param data the rows
   * @param x the x column
   * @param labels the legend text per curve
   * @param exprs the SQL expression per curve (a column name, {@code grad_alpha[1]}, ...)
   * @param x0 the left end of the x range
   * @param x1 the right end of the x range (greater than {@code x0})
   * @param columns the number of pixel columns
   * @return one envelope per curve
   */
  public static List<LineEnvelope> aggregate(
      Dataset<Row> data,
      String x,
      List<String> labels,
      List<String> exprs,
      double x0,
      double x1,
      int columns) {
    String xq = "`" + x + "`";
    String px = pixelColumn(xq, x0, x1, columns);
    List<Column> sel = new ArrayList<>();
    sel.add(expr(px).as("px"));
    sel.add(expr(xq).as("x"));
    for (int i = 0; i < exprs.size(); i++) {
      sel.add(expr("CAST(" + exprs.get(i) + " AS DOUBLE)").as("y" + i));
    }
    List<Column> aggs = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      String y = "y" + i;
      String finite = "CASE WHEN abs(" + y + ") <= 1.7976931348623157E308 THEN ";
      aggs.add(expr("min(" + finite + "struct(x, " + y + ") END)").as("first" + i));
      aggs.add(expr("min(" + finite + "struct(" + y + ", x) END)").as("lo" + i));
      aggs.add(expr("max(" + finite + "struct(" + y + ", x) END)").as("hi" + i));
      aggs.add(expr("max(" + finite + "struct(x, " + y + ") END)").as("last" + i));
    }
    List<Row> rows =
        data.select(sel.toArray(new Column[0]))
            .groupBy("px")
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
            .orderBy("px")
            .collectAsList();
    List<LineEnvelope> out = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      out.add(fromRows(labels.get(i), rows, i, columns));
    }
    return out;
  }

  /**
   * The SQL expression of a row's pixel column: {@code floor((x - x0) / (x1 - x0) * columns)},
   * clamped to {@code [0, columns - 1]}.
   *
   * @param x the quoted x column
   * @param x0 left end
   * @param x1 right end
   * @param columns the column count
   * @return the SQL expression
   */
  static String pixelColumn(String x, double x0, double x1, int columns) {
    return "LEAST("
        + (columns - 1)
        + ", GREATEST(0, CAST(FLOOR(("
        + x
        + " - ("
        + x0
        + ")) / "
        + (x1 - x0)
        + " * "
        + columns
        + ") AS INT)))";
  }

  private static LineEnvelope fromRows(String label, List<Row> rows, int i, int columns) {
    double[] lo = new double[columns];
    double[] hi = new double[columns];
    Arrays.fill(lo, Double.NaN);
    Arrays.fill(hi, Double.NaN);
    List<double[]> points = new ArrayList<>();
    for (Row r : rows) {
      int px = r.getInt(0);
      Row first = r.getStruct(1 + 4 * i);
      if (first == null) {
        continue;
      }
      Row min = r.getStruct(2 + 4 * i);
      Row max = r.getStruct(3 + 4 * i);
      Row last = r.getStruct(4 + 4 * i);
      lo[px] = min.getDouble(0);
      hi[px] = max.getDouble(0);
      List<double[]> four =
          new ArrayList<>(
              List.of(
                  new double[] {first.getDouble(0), first.getDouble(1)},
                  new double[] {min.getDouble(1), min.getDouble(0)},
                  new double[] {max.getDouble(1), max.getDouble(0)},
                  new double[] {last.getDouble(0), last.getDouble(1)}));
      four.sort((a, b) -> Double.compare(a[0], b[0]));
      for (double[] p : four) {
        double[] prev = points.isEmpty() ? null : points.get(points.size() - 1);
        if (prev == null || prev[0] != p[0] || prev[1] != p[1]) {
          points.add(p);
        }
      }
    }
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int k = 0; k < xs.length; k++) {
      xs[k] = points.get(k)[0];
      ys[k] = points.get(k)[1];
    }
    return new LineEnvelope(label, lo, hi, xs, ys);
  }

  /**
   * The largest absolute finite value of the curve.
   *
   * @return {@code max(|lo|, |hi|)} over the pixel columns, or 0 for an empty curve
   */
  public double maxAbs() {
    double m = 0;
    for (int k = 0; k < lo.length; k++) {
      if (!Double.isNaN(lo[k])) {
        m = Math.max(m, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
      }
    }
    return m;
  }

  /**
   * The curve multiplied by a positive factor, with a new label (min and max scale with it).
   *
   * @param factor the factor, greater than 0
   * @param newLabel the legend text
   * @return the scaled curve
   */
  public LineEnvelope scaled(double factor, String newLabel) {
    double[] l = lo.clone();
    double[] h = hi.clone();
    double[] y = ys.clone();
    for (int k = 0; k < l.length; k++) {
      l[k] *= factor;
      h[k] *= factor;
    }
    for (int k = 0; k < y.length; k++) {
      y[k] *= factor;
    }
    return new LineEnvelope(newLabel, l, h, xs, y);
  }

  /**
   * The range of the curve's finite values.
   *
   * @return max - min over the pixel columns, or NaN for an empty curve
   */
  public double span() {
    double l = Double.POSITIVE_INFINITY;
    double h = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < lo.length; k++) {
      if (!Double.isNaN(lo[k])) {
        l = Math.min(l, lo[k]);
        h = Math.max(h, hi[k]);
      }
    }
    return l > h ? Double.NaN : h - l;
  }
}
