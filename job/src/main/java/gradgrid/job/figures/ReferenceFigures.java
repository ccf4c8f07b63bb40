package gradgrid.job.figures;

import gradgrid.ad.Param;
import gradgrid.job.conf.FigureScale;
import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.run.FunctionProviders;
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
 * The figures of one sweep output (see the package overview): line figures for a sweep over one
 * scalar input, heatmaps for a sweep over two axes. The reference's sweep (the built-in {@code
 * rational}, {@code FunctionLabel#isReference}) keeps the reference write-up's numbering (1)-(6)
 * and titles; any other sweep's figures are titled from its function and columns.
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
    return draw(data, spec, conf, null, err);
  }

  /**
   * Draws every figure the sweep's columns allow, with the extrema marked on the curves of f and f'
   * of a one-axis sweep that has an f' column ({@code ExtremaMarks}).
   *
   * @param data the sweep's rows
   * @param spec the sweep
   * @param conf where and how large
   * @param providers the function providers (to refine the extrema), or null to mark none
   * @param err where notes on skipped figures go
   * @return the files written
   */
  public static List<Path> draw(
      Dataset<Row> data,
      SweepSpec spec,
      FiguresSpec conf,
      FunctionProviders providers,
      PrintStream err) {
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
      return lines(data, spec, conf, providers, err);
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
   * The line figures: f; f and f'; f, f', f'' normalised; then the gradients. The reference's sweep
   * gets figures (1)-(5) (df/dalpha for deg P = 2, df/dbeta); any other sweep one figure per
   * gradient output, titled from its function and columns.
   *
   * @param data the sweep's rows
   * @param spec the sweep (one scalar axis)
   * @param conf where and how large
   * @param providers the function providers (to refine the extrema marked on f and f'), or null
   * @param err where notes go
   * @return the files written
   */
  public static List<Path> lines(
      Dataset<Row> data,
      SweepSpec spec,
      FiguresSpec conf,
      FunctionProviders providers,
      PrintStream err) {
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
    boolean ref = FunctionLabel.isReference(spec);
    String fn = FunctionLabel.of(spec.function()) + ": ";
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
    ExtremaMarks marks =
        cols.contains(d1)
            ? ExtremaMarks.find(data, spec, providers, x, d1, err)
            : ExtremaMarks.NONE;
    out.addAll(
        save(
            Charts.lines(
                ref ? "(1) f" + on : fn + "f over " + x + on, x, "f", curves.subList(0, 1), marks),
            ref ? "f1-f" : "f",
            conf));
    if (curves.size() > 1) {
      out.addAll(
          save(
              Charts.lines(
                  ref
                      ? "(2) f and its derivative f'" + on
                      : fn + "f and f' = df/d" + x + " (" + d1 + ")" + on,
                  x,
                  "value",
                  curves.subList(0, 2),
                  marks.and(marks.onDerivative())),
              ref ? "f2-f-df" : "f-" + d1,
              conf));
    } else {
      err.println("note: figure of f' skipped: the sweep has no " + d1 + " column (output f')");
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
      String each = "f, f', f'' each divided by its largest |value| (common range [-1, 1])";
      out.addAll(
          save(
              Charts.lines(ref ? "(3) " + each : fn + each, x, "normalised value", norm),
              ref ? "f3-f-df-d2f-normalised" : "f-" + d1 + "-" + d2 + "-normalised",
              conf));
    } else {
      err.println("note: figure of f'' skipped: the sweep has no " + d2 + " column (output f'')");
    }
    if (ref) {
      out.addAll(gradFigure(data, spec, conf, err, x, x0, x1, "alpha", 3, "f4-df-dalpha"));
      out.addAll(
          gradFigure(data, spec, conf, err, x, x0, x1, "beta", Integer.MAX_VALUE, "f5-df-dbeta"));
    } else {
      for (OutputSpec o : spec.outputs()) {
        // a gradient over several inputs at once (grad(alpha, beta)) has its per-input figures
        // only when those are outputs of their own
        if (o instanceof OutputSpec.Grad g
            && g.params().size() == 1
            && !g.params().get(0).equals(x)) {
          out.addAll(
              gradFigure(
                  data,
                  spec,
                  conf,
                  err,
                  x,
                  x0,
                  x1,
                  g.params().get(0),
                  Integer.MAX_VALUE,
                  g.column()));
        }
      }
    }
    out.addAll(SecondOrderFigures.draw(data, spec, conf, err, x, x0, x1));
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
    if (p == null || !Arrays.asList(data.columns()).contains(col)) {
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
    boolean ref = FunctionLabel.isReference(spec);
    List<String> labels = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    String title;
    if (p.shape().isScalar()) {
      labels.add("df/d" + param);
      exprs.add("`" + col + "`");
      title = FunctionLabel.of(spec.function()) + ": df/d" + param + " (" + col + ") over " + x;
    } else {
      int n = Math.min(maxComponents, p.shape().size());
      for (int i = 0; i < n; i++) {
        labels.add("df/d" + param + "_" + i);
        exprs.add("`" + col + "`[" + i + "]");
      }
      title =
          !ref
              ? FunctionLabel.of(spec.function())
                  + ": df/d"
                  + param
                  + "_i ("
                  + col
                  + "), one curve per component"
              : "alpha".equals(param) && n < p.shape().size()
                  ? "(4) df/dalpha for deg(P) = " + (n - 1) + ": df/dalpha_i = x^i / (1 + Q(x)^2)"
                  : ("beta".equals(param) ? "(5) " : "")
                      + "df/d"
                      + param
                      + ", one curve per component";
    }
    List<LineEnvelope> curves =
        LineEnvelope.aggregate(data, x, labels, exprs, x0, x1, conf.width());
    return save(curves(title, x, "df/d" + param + "_i", curves, conf), name, conf);
  }

  /**
   * The heatmaps of f and of |grad f| in the plane of the two axes: figure (6) for the reference's
   * sweep, titled from the function and its columns for any other.
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
    boolean ref = FunctionLabel.isReference(spec);
    String fn = FunctionLabel.of(spec.function()) + ": ";
    String where = fixedScalars(spec);
    String plane = "(" + a.confName() + ", " + b.confName() + ")";
    List<Path> out = new ArrayList<>();
    HeatmapGrid f = HeatmapGrid.aggregate(data, a.column(), b.column(), "f", nx, ny);
    out.addAll(
        save(
            Charts.heatmap(
                (ref ? "(6a) f" : fn + "f") + where + " over " + plane,
                a.confName(),
                b.confName(),
                "f",
                f,
                scale(ref, conf, f),
                contours(ref, conf)),
            ref ? "f6-heatmap-f" : "heatmap-f",
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
                (ref ? "(6b) |grad f|" : fn + "|grad f|") + where + " in the " + plane + " plane",
                a.confName(),
                b.confName(),
                label,
                g,
                scale(ref, conf, g),
                contours(ref, conf)),
            ref ? "f6-heatmap-grad-norm" : "heatmap-grad-norm",
            conf));
    return out;
  }

  /**
   * The colour scale of a heatmap: the conf's, with {@code auto} chosen from the data ({@link
   * ColourScale#choose}), except that the reference's heatmaps stay linear unless the conf says.
   */
  static ColourScale scale(boolean ref, FiguresSpec conf, HeatmapGrid grid) {
    if (ref && conf.scale() == FigureScale.AUTO) {
      return ColourScale.LINEAR;
    }
    return ColourScale.of(conf.scale(), grid.values());
  }

  /**
   * The contour lines: the conf's count, else none for the reference and the default for others.
   */
  static int contours(boolean ref, FiguresSpec conf) {
    if (conf.contours() != FiguresSpec.AUTO_CONTOURS) {
      return conf.contours();
    }
    return ref ? 0 : FiguresSpec.DEFAULT_CONTOURS;
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

  /**
   * The curves of a vector output: one panel each when {@code Panels#split} says so, else together.
   */
  static JFreeChart curves(
      String title, String x, String yLabel, List<LineEnvelope> curves, FiguresSpec conf) {
    return Panels.split(conf.multiples(), curves)
        ? Charts.panels(
            title.contains("one curve per component")
                ? title.replace("one curve per component", "one panel per component")
                : title + ", one panel per component",
            x,
            curves)
        : Charts.lines(title, x, yLabel, curves);
  }

  static List<Path> save(JFreeChart chart, String name, FiguresSpec conf) {
    Ticks.fit(chart, conf.width(), conf.height());
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
