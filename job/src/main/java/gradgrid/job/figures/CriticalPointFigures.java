package gradgrid.job.figures;

import static gradgrid.job.figures.ReferenceFigures.num;

import gradgrid.ad.Fn;
import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPoint;
import gradgrid.job.criticals.CriticalPointKernel;
import gradgrid.job.criticals.FoldCurves;
import gradgrid.job.criticals.FoldKernel;
import gradgrid.job.criticals.FoldPoint;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.run.FunctionProviders;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.jfree.chart.JFreeChart;

/**
 * The figures of a {@code critical-points} output: over a plane of two axes, a heatmap of the
 * number of local extrema with the fold curves on top ({@link FoldCurves}); and a bifurcation
 * diagram, the x of every extremum (maxima and minima apart) against the first axis, along the line
 * of the plane through the conf's own value of the second axis's input (the vector's listed
 * element; the middle of the axis for a scalar input). A sweep over one axis gets the bifurcation
 * diagram along it. Both get a profile: f and f' along the scanned input at the conf's own point of
 * the map, that row's extrema marked on them.
 */
public final class CriticalPointFigures {
  private CriticalPointFigures() {}

  /**
   * Draws the figures of every {@code critical-points} output the rows have.
   *
   * @param data the sweep's rows
   * @param spec the sweep
   * @param conf where and how large
   * @param providers the function providers (the fold curves differentiate the sweep's function)
   * @param err where notes go
   * @return the files written, none when the sweep has no such output
   */
  public static List<Path> draw(
      Dataset<Row> data,
      SweepSpec spec,
      FiguresSpec conf,
      FunctionProviders providers,
      PrintStream err) {
    List<Path> out = new ArrayList<>();
    for (OutputSpec o : spec.outputs()) {
      if (o instanceof OutputSpec.CriticalPoints cp
          && Arrays.asList(data.columns()).contains(cp.column())) {
        out.addAll(draw(data, spec, cp, conf, providers, err));
      }
    }
    return out;
  }

  private static List<Path> draw(
      Dataset<Row> data,
      SweepSpec spec,
      OutputSpec.CriticalPoints cp,
      FiguresSpec conf,
      FunctionProviders providers,
      PrintStream err) {
    List<Axis> axes = spec.grid().axes();
    String col = "`" + cp.column() + "`";
    String name = cp.column().replace('_', '-');
    String inner = cp.param() + " in [" + num(cp.from()) + ", " + num(cp.to()) + "]";
    if (axes.isEmpty() || axes.size() > 2) {
      err.println(
          "note: no figures of "
              + cp.column()
              + " for a sweep over "
              + axes.size()
              + " axes (a heatmap needs two, a bifurcation diagram one or two)");
      return List.of();
    }
    Fn f = providers.traced(spec);
    List<Path> out = new ArrayList<>();
    if (axes.size() == 2) {
      Axis a = axes.get(0);
      Axis b = axes.get(1);
      int nx = (int) Math.min(ReferenceFigures.MAX_CELLS, a.points());
      int ny = (int) Math.min(ReferenceFigures.MAX_CELLS, b.points());
      HeatmapGrid g =
          HeatmapGrid.aggregate(
              data, a.column(), b.column(), col + ".maxima + " + col + ".minima", nx, ny);
      List<FoldPoint> found =
          FoldCurves.find(data, axes, cp, new FoldKernel(f, spec.inputs(), cp, axes));
      out.addAll(
          ReferenceFigures.save(countChart(g, a, b, inner, found, conf), name + "-count", conf));
      double v = lineValue(spec, b);
      out.addAll(
          bifurcation(
              data.where(functions.col(b.column()).equalTo(v)),
              a,
              cp,
              " at " + b.confName() + " = " + num(v),
              name,
              conf));
    } else {
      out.addAll(bifurcation(data, axes.get(0), cp, "", name, conf));
    }
    JFreeChart profile = profileChart(data, spec, f, cp, conf);
    if (profile != null) {
      out.addAll(ReferenceFigures.save(profile, name + "-profile", conf));
    }
    return out;
  }

  /**
   * The map of the number of extrema on the conf's colour scale ({@code figures.scale}), the fold
   * points on top. Its contour lines ({@code figures.contours}) are by default the boundaries
   * between regions of one count (the levels k + 1/2 inside the map's range), where pairs of
   * extrema are born or die; a number asks for that many levels evenly in the scale's coordinate,
   * as on any heatmap, and 0 for none.
   */
  static JFreeChart countChart(
      HeatmapGrid g, Axis a, Axis b, String inner, List<FoldPoint> found, FiguresSpec conf) {
    double[][] xy = new double[2][found.size()];
    for (int k = 0; k < found.size(); k++) {
      xy[0][k] = found.get(k).outer()[0];
      xy[1][k] = found.get(k).outer()[1];
    }
    ColourScale scale = ReferenceFigures.scale(false, conf, g);
    return Charts.heatmap(
        "Number of local extrema of f in "
            + inner
            + " over ("
            + a.confName()
            + ", "
            + b.confName()
            + ")",
        a.confName(),
        b.confName(),
        "local extrema (maxima + minima)",
        g,
        "fold points (f' = f'' = 0, Newton in (x, coefficient)): " + found.size(),
        xy,
        scale,
        countLevels(g.range(), scale, conf.contours()));
  }

  /**
   * The values the count map's contour lines follow (see {@link #countChart}).
   *
   * @param range the map's lowest and highest cell value
   * @param scale its colour scale
   * @param contours {@code figures.contours}
   * @return the levels, ascending
   */
  static double[] countLevels(double[] range, ColourScale scale, int contours) {
    if (!(range[0] < range[1])) {
      return new double[0];
    }
    if (contours == FiguresSpec.AUTO_CONTOURS) {
      return DoubleStream.iterate(Math.floor(range[0]) + 0.5, v -> v < range[1], v -> v + 1)
          .filter(v -> v > range[0])
          .limit(FiguresSpec.MAX_CONTOURS)
          .toArray();
    }
    return Arrays.stream(Contours.levels(scale.t(range[0]), scale.t(range[1]), contours))
        .map(scale::inverse)
        .toArray();
  }

  /**
   * f and f' along the scanned input at the map's home point (each axis at {@link #lineValue}: the
   * conf's own coefficients, as near as the grid comes), with that row's extrema from the map
   * marked on both: the map's counting shown on one curve. The curves come from the refinement
   * kernel on the driver, at about two inner points per pixel (one row).
   *
   * @return the chart, or null when the map has no row there (a filtered or partial read)
   */
  static JFreeChart profileChart(
      Dataset<Row> data, SweepSpec spec, Fn f, OutputSpec.CriticalPoints cp, FiguresSpec conf) {
    List<Axis> axes = spec.grid().axes();
    double[] home = new double[axes.size()];
    Column at = functions.lit(true);
    List<String> where = new ArrayList<>();
    for (int i = 0; i < home.length; i++) {
      home[i] = lineValue(spec, axes.get(i));
      at = at.and(functions.col(axes.get(i).column()).equalTo(home[i]));
      where.add(axes.get(i).confName() + " = " + num(home[i]));
    }
    String col = "`" + cp.column() + "`";
    List<Row> rows =
        data.where(at)
            .selectExpr(col + ".x", col + ".f", col + ".d2f_sign")
            .limit(1)
            .collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    List<Double> xs = rows.get(0).getList(0);
    List<Double> fs = rows.get(0).getList(1);
    List<Integer> signs = rows.get(0).getList(2);
    List<CriticalPoint> points = new ArrayList<>();
    for (int k = 0; k < xs.size(); k++) {
      points.add(new CriticalPoint(xs.get(k), fs.get(k), 0, signs.get(k), true));
    }
    ExtremaMarks marks = ExtremaMarks.of(points);
    double[][] p =
        new CriticalPointKernel(f, spec.inputs(), cp).create().profile(home, 2 * conf.width());
    String x = cp.param();
    return Charts.lines(
        "f and f' = df/d" + x + " at " + String.join(", ", where) + ": the map's extrema there",
        x,
        "value",
        List.of(LineEnvelope.ofPoints("f", p[0], p[1]), LineEnvelope.ofPoints("f'", p[0], p[2])),
        marks.and(marks.onDerivative()));
  }

  /** The x of every extremum against the axis: maxima and minima as two series of points. */
  private static List<Path> bifurcation(
      Dataset<Row> line,
      Axis along,
      OutputSpec.CriticalPoints cp,
      String where,
      String name,
      FiguresSpec conf) {
    String col = "`" + cp.column() + "`";
    List<Row> rows =
        line.selectExpr(
                "`" + along.column() + "` AS c",
                col + ".d2f_sign AS s",
                "posexplode(" + col + ".x) AS (k, xv)")
            .selectExpr("c", "xv", "s[k] AS sign")
            .collectAsList();
    List<double[]> maxima = new ArrayList<>();
    List<double[]> minima = new ArrayList<>();
    for (Row r : rows) {
      (r.getInt(2) < 0 ? maxima : minima).add(new double[] {r.getDouble(0), r.getDouble(1)});
    }
    return ReferenceFigures.save(
        Charts.points(
            "Bifurcation diagram: "
                + cp.param()
                + " of every local extremum of f against "
                + along.confName()
                + where,
            along.confName(),
            cp.param() + " (extremum)",
            List.of("maxima (f'' < 0)", "minima (f'' > 0)"),
            List.of(columns(maxima), columns(minima))),
        name + "-bifurcation",
        conf);
  }

  private static double[][] columns(List<double[]> points) {
    double[][] xy = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      xy[0][i] = points.get(i)[0];
      xy[1][i] = points.get(i)[1];
    }
    return xy;
  }

  /**
   * The grid value of an axis nearest its input's value in the conf: the listed element of a vector
   * with an element axis, else the middle of the axis's range.
   */
  static double lineValue(SweepSpec spec, Axis axis) {
    double home = (axis.value(0) + axis.value(axis.points() - 1)) / 2;
    if (axis.input() instanceof AxisInput.Element e) {
      for (InputBinding in : spec.inputs()) {
        if (in instanceof InputBinding.ElementAxes v && v.param().name().equals(e.param())) {
          home = v.values()[e.index()];
        }
      }
    }
    double best = axis.value(0);
    for (long i = 1; i < axis.points(); i++) {
      if (Math.abs(axis.value(i) - home) < Math.abs(best - home)) {
        best = axis.value(i);
      }
    }
    return best;
  }
}
