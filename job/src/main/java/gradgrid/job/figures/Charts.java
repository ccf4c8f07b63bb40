package gradgrid.job.figures;

import gradgrid.job.conf.FigureScale;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYDataImageAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;

/** Builds the kinds of chart: curves over x, points, and a heatmap with a colour bar. */
public final class Charts {
  private static final double[] NONE = new double[0];

  /** Distinct, colour-blind-safe line colours (Okabe-Ito), then black. */
  private static final Color[] PALETTE = {
    new Color(0, 114, 178),
    new Color(213, 94, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(230, 159, 0),
    new Color(86, 180, 233),
    Color.BLACK
  };

  private static final Font TITLE = new Font("DejaVu Sans", Font.BOLD, 18);

  /** The line of every curve, in a single plot or in a panel. */
  private static final BasicStroke CURVE_STROKE =
      new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

  private Charts() {}

  /**
   * Curves over x, one legend entry each.
   *
   * @param title the chart title
   * @param xLabel the x axis label
   * @param yLabel the y axis label
   * @param curves the curves (reduced by {@link LineEnvelope})
   * @return the chart
   */
  public static JFreeChart lines(
      String title, String xLabel, String yLabel, List<LineEnvelope> curves) {
    return lines(title, xLabel, yLabel, curves, ExtremaMarks.NONE);
  }

  /**
   * Curves over x with the extrema marked on them: maxima as triangles up, minima as triangles
   * down, black-rimmed, each kind one legend entry.
   *
   * @param title the chart title
   * @param xLabel the x axis label
   * @param yLabel the y axis label
   * @param curves the curves
   * @param marks the points to mark (in data coordinates)
   * @return the chart
   */
  static JFreeChart lines(
      String title, String xLabel, String yLabel, List<LineEnvelope> curves, ExtremaMarks marks) {
    DefaultXYDataset data = new DefaultXYDataset();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setDrawSeriesLineAsPath(true);
    for (int i = 0; i < curves.size(); i++) {
      LineEnvelope c = curves.get(i);
      data.addSeries(c.label(), new double[][] {c.xs(), c.ys()});
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, CURVE_STROKE);
    }
    NumberAxis x = curveAxis(xLabel);
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, r);
    if (!marks.isEmpty()) {
      DefaultXYDataset points = new DefaultXYDataset();
      XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
      dots.setUseOutlinePaint(true);
      int k = 0;
      for (Object[] m :
          new Object[][] {
            {"maxima (f' = 0, f'' < 0)", marks.maxima(), triangle(-1)},
            {"minima (f' = 0, f'' > 0)", marks.minima(), triangle(1)}
          }) {
        double[][] xy = (double[][]) m[1];
        if (xy[0].length > 0) {
          points.addSeries((String) m[0], xy);
          dots.setSeriesShape(k, (Shape) m[2]);
          dots.setSeriesPaint(k, k == 0 ? new Color(213, 94, 0) : new Color(0, 114, 178));
          dots.setSeriesOutlinePaint(k, Color.BLACK);
          k++;
        }
      }
      plot.setDataset(1, points);
      plot.setRenderer(1, dots);
    }
    style(plot);
    JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** A triangle pointing up (direction -1, screen y grows down) or down (+1). */
  private static Shape triangle(int direction) {
    Path2D.Double t = new Path2D.Double();
    t.moveTo(0, 5 * direction);
    t.lineTo(-5, -4 * direction);
    t.lineTo(5, -4 * direction);
    t.closePath();
    return t;
  }

  /** The x axis of curves: the data's own range, edge to edge, zero not forced in. */
  private static NumberAxis curveAxis(String label) {
    NumberAxis x = new NumberAxis(label);
    x.setAutoRangeIncludesZero(false);
    x.setAutoRangeStickyZero(false);
    x.setLowerMargin(0);
    x.setUpperMargin(0);
    return x;
  }

  /**
   * Curves over a shared x axis, one panel each with its own y axis (small multiples), the panels
   * stacked top to bottom in the curves' order.
   *
   * @param title the chart title
   * @param xLabel the x axis label
   * @param curves the curves (each panel's y axis is labelled with its curve's label)
   * @return the chart
   */
  public static JFreeChart panels(String title, String xLabel, List<LineEnvelope> curves) {
    NumberAxis x = curveAxis(xLabel);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
    combined.setGap(6);
    for (int i = 0; i < curves.size(); i++) {
      LineEnvelope c = curves.get(i);
      DefaultXYDataset data = new DefaultXYDataset();
      data.addSeries(c.label(), new double[][] {c.xs(), c.ys()});
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
      r.setDrawSeriesLineAsPath(true);
      r.setSeriesPaint(0, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(0, CURVE_STROKE);
      NumberAxis y = new NumberAxis(c.label());
      y.setAutoRangeIncludesZero(false);
      y.setLabelFont(y.getLabelFont().deriveFont(10f));
      y.setTickLabelFont(y.getTickLabelFont().deriveFont(9f));
      XYPlot plot = new XYPlot(data, null, y, r);
      style(plot);
      combined.add(plot, 1);
    }
    style(combined);
    JFreeChart chart = new JFreeChart(title, TITLE, combined, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /**
   * Points without lines (a scatter), one legend entry per series: the bifurcation diagram's maxima
   * and minima.
   *
   * @param title the chart title
   * @param xLabel the x axis label
   * @param yLabel the y axis label
   * @param labels the series' legend labels
   * @param series per series {@code {xs, ys}}
   * @return the chart
   */
  public static JFreeChart points(
      String title, String xLabel, String yLabel, List<String> labels, List<double[][]> series) {
    DefaultXYDataset data = new DefaultXYDataset();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    for (int i = 0; i < series.size(); i++) {
      data.addSeries(labels.get(i), series.get(i));
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesShape(i, new Ellipse2D.Double(-2, -2, 4, 4));
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, r);
    style(plot);
    JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /**
   * A heatmap drawn as one image in data coordinates, with a viridis colour bar on the right.
   *
   * @param title the chart title
   * @param xLabel the x axis label
   * @param yLabel the y axis label
   * @param valueLabel the colour bar's label
   * @param grid the cell means
   * @return the chart
   */
  public static JFreeChart heatmap(
      String title, String xLabel, String yLabel, String valueLabel, HeatmapGrid grid) {
    return heatmap(
        title,
        xLabel,
        yLabel,
        valueLabel,
        grid,
        "",
        new double[2][0],
        ColourScale.LINEAR,
        r -> NONE);
  }

  /**
   * A heatmap on a colour scale, with contour lines.
   *
   * @param title the chart title
   * @param xLabel the x axis label
   * @param yLabel the y axis label
   * @param valueLabel the colour bar's label (the scale's note is added)
   * @param grid the cell means
   * @param scale the colour scale
   * @param contours the number of contour lines, evenly spaced in the scale's coordinate
   * @return the chart
   */
  public static JFreeChart heatmap(
      String title,
      String xLabel,
      String yLabel,
      String valueLabel,
      HeatmapGrid grid,
      ColourScale scale,
      int contours) {
    return heatmap(
        title, xLabel, yLabel, valueLabel, grid, "", new double[2][0], scale, evenly(contours));
  }

  /**
   * A heatmap with points drawn on top (white dots with a black rim, named in a legend when there
   * are any) and contour lines at given values: the fold curves on the map of the number of
   * extrema, with the lines between regions of one count.
   *
   * @param title the chart title
   * @param xLabel the x axis label
   * @param yLabel the y axis label
   * @param valueLabel the colour bar's label (the scale's note is added)
   * @param grid the cell means
   * @param pointsLabel the points' legend label
   * @param points {@code {xs, ys}} in data coordinates
   * @param scale the colour scale
   * @param levels the values the contour lines follow (none for no lines)
   * @return the chart
   */
  public static JFreeChart heatmap(
      String title,
      String xLabel,
      String yLabel,
      String valueLabel,
      HeatmapGrid grid,
      String pointsLabel,
      double[][] points,
      ColourScale scale,
      double[] levels) {
    double[] t = Arrays.stream(levels).map(scale::t).toArray();
    return heatmap(title, xLabel, yLabel, valueLabel, grid, pointsLabel, points, scale, r -> t);
  }

  /** {@code n} contour levels evenly inside the colour coordinate's range. */
  private static Function<double[], double[]> evenly(int n) {
    return r -> n > 0 ? Contours.levels(r[0], r[1], n) : NONE;
  }

  private static JFreeChart heatmap(
      String title,
      String xLabel,
      String yLabel,
      String valueLabel,
      HeatmapGrid grid,
      String pointsLabel,
      double[][] points,
      ColourScale colours,
      Function<double[], double[]> contours) {
    int ny = grid.mean().length;
    int nx = grid.mean()[0].length;
    double[][] t = new double[ny][nx];
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        t[j][i] = colours.t(grid.mean()[j][i]);
      }
    }
    double[] range = new HeatmapGrid(grid.x0(), grid.x1(), grid.y0(), grid.y1(), t).range();
    Viridis scale = new Viridis(range[0], range[1]);
    BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        img.setRGB(i, ny - 1 - j, scale.color(t[j][i]).getRGB());
      }
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setRange(grid.x0(), grid.x1());
    NumberAxis y = new NumberAxis(yLabel);
    y.setRange(grid.y0(), grid.y1());
    DefaultXYDataset overlay = new DefaultXYDataset();
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    if (points[0].length > 0) {
      overlay.addSeries(pointsLabel, points);
      dots.setSeriesPaint(0, Color.WHITE);
      dots.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
      dots.setUseOutlinePaint(true);
      dots.setSeriesOutlinePaint(0, Color.BLACK);
    }
    XYPlot plot = new XYPlot(overlay, x, y, dots);
    double[] levels = contours.apply(range);
    if (levels.length > 0 && nx > 1 && ny > 1) {
      DefaultXYDataset lines = new DefaultXYDataset();
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
      r.setDrawSeriesLineAsPath(true);
      r.setDefaultSeriesVisibleInLegend(false);
      for (int k = 0; k < levels.length; k++) {
        lines.addSeries(
            "level " + k,
            Contours.segments(t, grid.x0(), grid.x1(), grid.y0(), grid.y1(), levels[k]));
        r.setSeriesPaint(k, new Color(255, 255, 255, 170));
        r.setSeriesStroke(k, new BasicStroke(0.8f));
      }
      plot.setDataset(1, lines);
      plot.setRenderer(1, r);
    }
    plot.getRenderer()
        .addAnnotation(
            new XYDataImageAnnotation(
                img, grid.x0(), grid.y0(), grid.x1() - grid.x0(), grid.y1() - grid.y0()),
            org.jfree.chart.ui.Layer.BACKGROUND);
    style(plot);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = new JFreeChart(title, TITLE, plot, points[0].length > 0);
    chart.setBackgroundPaint(Color.WHITE);
    if (chart.getLegend() != null) {
      chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    }
    NumberAxis bar = new NumberAxis(valueLabel + colours.note());
    if (colours.kind() != FigureScale.LINEAR) {
      bar.setStandardTickUnits(decades(colours));
    }
    bar.setRange(scale.getLowerBound(), scale.getUpperBound());
    PaintScaleLegend legend = new PaintScaleLegend(scale, bar);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(new RectangleInsets(10, 10, 10, 10));
    legend.setStripWidth(18);
    legend.setSubdivisionCount(256);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return chart;
  }

  /**
   * Tick units of a log or symlog colour bar: whole steps of its coordinate (decades), each label
   * the value there.
   */
  private static TickUnits decades(ColourScale colours) {
    NumberFormat f =
        new NumberFormat() {
          private static final long serialVersionUID = 1L;

          @Override
          public StringBuffer format(double t, StringBuffer to, FieldPosition pos) {
            return to.append(ReferenceFigures.num(colours.inverse(t)));
          }

          @Override
          public StringBuffer format(long t, StringBuffer to, FieldPosition pos) {
            return format((double) t, to, pos);
          }

          @Override
          public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("a tick label format only");
          }
        };
    TickUnits units = new TickUnits();
    for (int step : new int[] {1, 2, 5, 10, 20, 50, 100}) {
      units.add(new NumberTickUnit(step, f));
    }
    return units;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    plot.setOutlinePaint(Color.GRAY);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
  }
}
