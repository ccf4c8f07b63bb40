package gradgrid.job.criticals;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;

import gradgrid.job.conf.OutputSpec;
import gradgrid.job.grid.Axis;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The fold curves of a critical-point map over a plane of two axes: in Spark, every pair of
 * neighbouring rows along either axis whose number of extrema differs (a window with {@code lag});
 * on the driver, each pair refined by {@link FoldKernel#solve} along that axis, starting from the
 * midpoint of the two closest neighbouring extrema of the row with more, at the middle of the pair.
 * A solution counts when x lies inside the inner grid and the coordinate within one cell of the
 * pair; a count that changes for another reason (an extremum leaving the interval through an end,
 * or crossing the flat-region threshold) has no fold nearby and gives none.
 */
public final class FoldCurves {
  private FoldCurves() {}

  /**
   * Finds the fold points of a map.
   *
   * @param map the sweep's rows (its two axis columns and the map's column)
   * @param axes the sweep's two axes, in grid order
   * @param cp the map's output
   * @param kernel the fold solver of the same function
   * @return the points found, along the first axis's pairs, then the second's
   */
  public static List<FoldPoint> find(
      Dataset<Row> map, List<Axis> axes, OutputSpec.CriticalPoints cp, FoldKernel kernel) {
    List<FoldPoint> out = new ArrayList<>();
    String m = "`" + cp.column() + "`";
    for (int along = 0; along < 2; along++) {
      String a = axes.get(along).column();
      String b = axes.get(1 - along).column();
      WindowSpec w = Window.partitionBy("b").orderBy("a");
      Dataset<Row> pairs =
          map.select(
                  col(a).as("a"),
                  col(b).as("b"),
                  expr(m + ".maxima + " + m + ".minima").as("n"),
                  expr(m + ".x").as("xs"))
              .select(
                  col("a"),
                  col("b"),
                  col("n"),
                  col("xs"),
                  lag("a", 1).over(w).as("pa"),
                  lag("n", 1).over(w).as("pn"),
                  lag("xs", 1).over(w).as("pxs"))
              .where("pn IS NOT NULL AND n != pn");
      for (Row r : pairs.collectAsList()) {
        double c1 = r.getDouble(0);
        double c0 = r.getDouble(4);
        List<Double> xs = r.getInt(2) > r.getInt(5) ? r.getList(3) : r.getList(6);
        if (xs.size() < 2) {
          continue;
        }
        int best = 0;
        for (int k = 1; k + 1 < xs.size(); k++) {
          if (xs.get(k + 1) - xs.get(k) < xs.get(best + 1) - xs.get(best)) {
            best = k;
          }
        }
        double x0 = (xs.get(best) + xs.get(best + 1)) / 2;
        double[] outer = new double[2];
        outer[along] = (c0 + c1) / 2;
        outer[1 - along] = r.getDouble(1);
        FoldPoint p = kernel.solve(x0, outer, along);
        double h = Math.abs(c1 - c0);
        if (p != null
            && p.x() > cp.from()
            && p.x() < cp.to()
            && p.outer()[along] >= Math.min(c0, c1) - h
            && p.outer()[along] <= Math.max(c0, c1) + h) {
          out.add(p);
        }
      }
    }
    return out;
  }
}
