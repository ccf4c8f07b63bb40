package gradgrid.job.figures;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.Title;

/**
 * Tick density that fits the picture: every number axis of a chart gets the smallest of its
 * standard tick units (1, 2, 5 times a power of ten) that puts at most {@link #maxTicks} labels on
 * it, one per {@link #ACROSS} pixels across and one per {@link #UP} pixels up (but at least two
 * labels, on an axis too short for that). JFreeChart's own choice only avoids overlapping labels,
 * which gives 31 labels on a 400-pixel heatmap axis.
 */
final class Ticks {
  /** Pixels per tick label on a horizontal axis. */
  static final int ACROSS = 100;

  /** Pixels per tick label on a vertical axis. */
  static final int UP = 50;

  private Ticks() {}

  /**
   * The most tick intervals an axis of this length gets.
   *
   * @param pixels the axis length (the picture's width or height, or a panel's share of it)
   * @param spacing pixels per label ({@link #ACROSS} or {@link #UP})
   * @return at least 2
   */
  static int maxTicks(int pixels, int spacing) {
    return Math.max(2, pixels / spacing);
  }

  /**
   * The number of tick marks an axis over {@code [lo, hi]} draws with tick unit {@code unit}.
   *
   * @param lo the axis's lower bound
   * @param hi the axis's upper bound
   * @param unit the tick unit, greater than 0
   * @return the multiples of {@code unit} in the range
   */
  static long count(double lo, double hi, double unit) {
    return (long) (Math.floor(hi / unit) - Math.ceil(lo / unit)) + 1;
  }

  /**
   * Sets the tick unit of every number axis of the chart (its plot's, each panel's of a combined
   * plot, and its colour bar's) for a picture of this size.
   *
   * @param chart the chart
   * @param width the picture width
   * @param height the picture height
   */
  static void fit(JFreeChart chart, int width, int height) {
    if (chart.getPlot() instanceof XYPlot plot) {
      List<XYPlot> panels = new ArrayList<>();
      if (plot instanceof CombinedDomainXYPlot combined) {
        panels.addAll(combined.getSubplots());
      } else {
        panels.add(plot);
      }
      for (int i = 0; i < plot.getDomainAxisCount(); i++) {
        fit(plot.getDomainAxis(i), maxTicks(width, ACROSS));
      }
      int share = Math.max(1, panels.size());
      for (XYPlot p : panels) {
        for (int i = 0; i < p.getRangeAxisCount(); i++) {
          fit(p.getRangeAxis(i), maxTicks(height / share, UP));
        }
      }
    }
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      Title t = chart.getSubtitle(i);
      if (t instanceof PaintScaleLegend bar) {
        fit(bar.getAxis(), maxTicks(height, UP));
      }
    }
  }

  private static void fit(ValueAxis axis, int max) {
    if (axis instanceof NumberAxis a && a.getRange().getLength() > 0) {
      double lo = a.getLowerBound();
      double hi = a.getUpperBound();
      TickUnit u = a.getStandardTickUnits().getCeilingTickUnit((hi - lo) / max);
      // A short axis may fit no two multiples of that unit: step down (1-2-5) until two fit.
      for (int k = 0; k < 10 && count(lo, hi, u.getSize()) < 2; k++) {
        u = a.getStandardTickUnits().getCeilingTickUnit(u.getSize() * 0.39);
      }
      if (u instanceof NumberTickUnit n) {
        a.setTickUnit(n, false, true);
      }
    }
  }
}
