package gradgrid.job.figures;

import gradgrid.ad.Param;
import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.chart.JFreeChart;

/**
 * The reference write-up's figures for one sweep output (see the package overview): line figures
 * (1)-(5) for a sweep over one scalar input, heatmaps (6) for a sweep over two axes.
 */
public final class ReferenceFigures {
  /** Cells per heatmap side at most (one per grid point up to this). */
  static final int MAX_CELLS = 500;

  private ReferenceFigures() {}

  /**
   * Draws every figure the sweep's columns allow (none without an {@code f} column).
   *
   * @param data the sweep's rows
   * @param spec the sweep
   * @param conf where and how large
   * @param err where notes on skipped figures go
   * @return the files written
   */
  public static List<Path> draw(
      Dataset<Row> data, SweepSpec spec, FiguresSpec conf, PrintStream err) {
    if (!Arrays.asList(data.columns()).contains("f")) {
      err.println("note: no reference figures: the sweep has no f column (output f)");
      return List.of();
    }
    List<Axis> axes = spec.grid().axes();
    if (spec.grid().samples().isPresent()) {
      err.println("note: no figures for a sampled sweep (figures need grid axes)");
      return List.of();
    }
    if (axes.size() == 1 && axes.get(0).input() instanceof AxisInput.Whole) {
      return lines(data, spec, conf, err);
    }
    if (axes.size() == 2) {
      return heatmaps(data, spec, conf, err);
    }
    err.println(
        "note: no figures for a sweep over "
            + axes.size()
            + " axes (line figures need one scalar axis, heatmaps two axes)");
    return List.of();
  }

  /**
   * Figures (1)-(5): f; f and f'; f, f', f'' normalised; df/dalpha (deg P = 2); df/dbeta.
   *
   * @param data the sweep's rows
   * @param spec the sweep (one scalar axis)
   * @param conf where and how large
   * @param err where notes go
   * @return the files written
   */
  public static List<Path> lines(
      Dataset<Row> data, SweepSpec spec, FiguresSpec conf, PrintStream err) {
    String x = spec.grid().axes().get(0).column();
    Set<String> cols = Set.of(data.columns());
    String d1 = new OutputSpec.Derivative(x, 1).column();
    String d2 = new OutputSpec.Derivative(x, 2).column();
    Row range = data.selectExpr("min(`" + x + "`)", "max(`" + x + "`)").first();
    double x0 = range.getDouble(0);
    double x1 = range.getDouble(1);
    if (!(x1 > x0)) {
      err.println("note: no line figures: " + x + " takes a single value");
      return List.of();
    }
    String on = " on [" + num(x0) + ", " + num(x1) + "]";
    List<Path> out = new ArrayList<>();
    List<String> labels = new ArrayList<>(List.of("f"));
    List<String> exprs = new ArrayList<>(List.of("f"));
    if (cols.contains(d1)) {
      labels.add("f' = df/d" + x);
      exprs.add(d1);
    }
    if (cols.contains(d2)) {
      labels.add("f'' = d2f/d" + x + "2");
      exprs.add(d2);
    }
    List<LineEnvelope> curves =
        LineEnvelope.aggregate(data, x, labels, exprs, x0, x1, conf.width());
    out.addAll(save(Charts.lines("(1) f" + on, x, "f", curves.subList(0, 1)), "f1-f", conf));
    if (curves.size() > 1) {
      out.addAll(
          save(
              Charts.lines("(2) f and its derivative f'" + on, x, "value", curves.subList(0, 2)),
              "f2-f-df",
              conf));
    } else {
      err.println("note: figure 2 skipped: the sweep has no " + d1 + " column (output f')");
    }
    if (curves.size() > 2) {
      List<LineEnvelope> norm = new ArrayList<>();
      for (LineEnvelope c : curves) {
        double m = c.maxAbs();
        norm.add(
            c.scaled(
                m > 0 ? 1 / m : 1,
                c.label().replaceFirst(" = .*", "")
                    + " / max|"
                    + c.label().replaceFirst(" = .*", "")
                    + "|  (max = "
                    + num(m)
                    + ")"));
      }
      out.addAll(
          save(
              Charts.lines(
                  "(3) f, f', f'' each divided by its largest |value| (common range [-1, 1])",
                  x,
                  "normalised value",
                  norm),
              "f3-f-df-d2f-normalised",
              conf));
    } else {
      err.println("note: figure 3 skipped: the sweep has no " + d2 + " column (output f'')");
    }
    out.addAll(gradFigure(data, spec, conf, err, x, x0, x1, "alpha", 3, "f4-df-dalpha"));
    out.addAll(
        gradFigure(data, spec, conf, err, x, x0, x1, "beta", Integer.MAX_VALUE, "f5-df-dbeta"));
    return out;
  }

  private static List<Path> gradFigure(
      Dataset<Row> data,
      SweepSpec spec,
      FiguresSpec conf,
      PrintStream err,
      String x,
      double x0,
      double x1,
      String param,
      int maxComponents,
      String name) {
    String col = new OutputSpec.Grad(param).column();
    Param p = spec.paramsByName().get(param);
    if (p == null || p.shape().isScalar() || !Arrays.asList(data.columns()).contains(col)) {
      err.println(
          "note: "
              + name
              + " skipped: the sweep has no "
              + col
              + " column (output grad("
              + param
              + "))");
      return List.of();
    }
    int n = Math.min(maxComponents, p.shape().size());
    List<String> labels = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels.add("df/d" + param + "_" + i);
      exprs.add(col + "[" + i + "]");
    }
    String title =
        "alpha".equals(param) && n < p.shape().size()
            ? "(4) df/dalpha for deg(P) = " + (n - 1) + ": df/dalpha_i = x^i / (1 + Q(x)^2)"
            : ("beta".equals(param) ? "(5) " : "") + "df/d" + param + ", one curve per component";
    List<LineEnvelope> curves =
        LineEnvelope.aggregate(data, x, labels, exprs, x0, x1, conf.width());
    return save(Charts.lines(title, x, "df/d" + param + "_i", curves), name, conf);
  }

  /**
   * Figure (6): heatmaps of f and of |grad f| in the plane of the two axes.
   *
   * @param data the sweep's rows
   * @param spec the sweep (two axes)
   * @param conf where and how large
   * @param err where notes go
   * @return the files written
   */
  public static List<Path> heatmaps(
      Dataset<Row> data, SweepSpec spec, FiguresSpec conf, PrintStream err) {
    Axis a = spec.grid().axes().get(0);
    Axis b = spec.grid().axes().get(1);
    int nx = (int) Math.min(MAX_CELLS, a.points());
    int ny = (int) Math.min(MAX_CELLS, b.points());
    String where = fixedScalars(spec);
    String plane = "(" + a.confName() + ", " + b.confName() + ")";
    List<Path> out = new ArrayList<>();
    HeatmapGrid f = HeatmapGrid.aggregate(data, a.column(), b.column(), "f", nx, ny);
    out.addAll(
        save(
            Charts.heatmap("(6a) f" + where + " over " + plane, a.confName(), b.confName(), "f", f),
            "f6-heatmap-f",
            conf));
    String ga = component(a, data);
    String gb = component(b, data);
    if (ga == null || gb == null) {
      err.println(
          "note: |grad f| heatmap skipped: needs grad("
              + a.param()
              + ") and grad("
              + b.param()
              + ") outputs");
      return out;
    }
    String norm = "sqrt(" + ga + " * " + ga + " + " + gb + " * " + gb + ")";
    HeatmapGrid g = HeatmapGrid.aggregate(data, a.column(), b.column(), norm, nx, ny);
    String label = "|grad f| = sqrt((df/d" + a.column() + ")^2 + (df/d" + b.column() + ")^2)";
    out.addAll(
        save(
            Charts.heatmap(
                "(6b) |grad f|" + where + " in the " + plane + " plane",
                a.confName(),
                b.confName(),
                label,
                g),
            "f6-heatmap-grad-norm",
            conf));
    return out;
  }

  /** The SQL of df/d(axis): {@code grad_x} for a scalar, {@code grad_alpha[1]} for an element. */
  private static String component(Axis axis, Dataset<Row> data) {
    String col = new OutputSpec.Grad(axis.param()).column();
    if (!Arrays.asList(data.columns()).contains(col)) {
      return null;
    }
    return axis.input() instanceof AxisInput.Element e
        ? "`" + col + "`[" + e.index() + "]"
        : "`" + col + "`";
  }

  /** " at x = 1.5" for the fixed scalar inputs, or "". */
  private static String fixedScalars(SweepSpec spec) {
    List<String> parts = new ArrayList<>();
    for (InputBinding in : spec.inputs()) {
      if (in instanceof InputBinding.Fixed f && f.param().shape().isScalar()) {
        parts.add(f.param().name() + " = " + num(f.value()[0]));
      }
    }
    return parts.isEmpty() ? "" : " at " + String.join(", ", parts);
  }

  static List<Path> save(JFreeChart chart, String name, FiguresSpec conf) {
    return FigureFiles.write(chart, conf.dir(), name, conf.width(), conf.height());
  }

  /** A number for titles and legends: up to 4 significant digits. */
  static String num(double v) {
    String s = String.format(Locale.ROOT, "%.4g", v);
    int e = s.indexOf('e');
    String mant = e < 0 ? s : s.substring(0, e);
    if (mant.contains(".")) {
      mant = mant.replaceFirst("0+$", "").replaceFirst("\\.$", "");
    }
    return e < 0 ? mant : mant + s.substring(e);
  }
}
