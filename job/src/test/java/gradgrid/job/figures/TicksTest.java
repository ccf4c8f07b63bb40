package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;

/** Tick counts bounded by the picture's size, on the axes of real charts. */
class TicksTest {
  private static HeatmapGrid plane(double lo, double hi) {
    double[][] m = new double[30][40];
    for (int j = 0; j < 30; j++) {
      for (int i = 0; i < 40; i++) {
        m[j][i] = i * j;
      }
    }
    return new HeatmapGrid(lo, hi, lo, hi, m);
  }

  private static long ticks(NumberAxis a) {
    return Ticks.count(a.getLowerBound(), a.getUpperBound(), a.getTickUnit().getSize());
  }

  /** The chart's colour bar axis. */
  static NumberAxis colourBar(JFreeChart c) {
    for (int i = 0; i < c.getSubtitleCount(); i++) {
      if (c.getSubtitle(i) instanceof PaintScaleLegend bar) {
        return (NumberAxis) bar.getAxis();
      }
    }
    throw new AssertionError("no colour bar");
  }

  @Test
  void countIsTheMultiplesOfTheUnitInTheRange() {
    assertEquals(31, Ticks.count(-3, 3, 0.2)); // -3.0, -2.8, ..., 3.0
    assertEquals(7, Ticks.count(-3, 3, 1));
    assertEquals(2, Ticks.count(0.5, 2.5, 1)); // 1, 2
    assertEquals(2, Ticks.maxTicks(10, Ticks.UP));
    assertEquals(8, Ticks.maxTicks(400, Ticks.UP));
  }

  @Test
  void aHeatmapAxisGetsAtMostOneLabelPerFiftyPixelsUp() {
    for (int height : new int[] {150, 300, 400, 600, 2000}) {
      JFreeChart c = Charts.heatmap("t", "a", "b", "v", plane(-3, 3));
      Ticks.fit(c, 500, height);
      XYPlot p = c.getXYPlot();
      long up = ticks((NumberAxis) p.getRangeAxis());
      long across = ticks((NumberAxis) p.getDomainAxis());
      assertTrue(up <= Ticks.maxTicks(height, Ticks.UP) + 1, height + ": " + up + " labels up");
      assertTrue(up >= 2, height + ": " + up);
      assertTrue(across <= Ticks.maxTicks(500, Ticks.ACROSS) + 1, "across: " + across);
      NumberAxis bar = colourBar(c);
      assertTrue(ticks(bar) <= Ticks.maxTicks(height, Ticks.UP) + 1, "bar: " + ticks(bar));
      assertFalse(p.getRangeAxis().isAutoTickUnitSelection());
    }
  }

  @Test
  void aLineChartOverTinyValuesStillGetsLabels() {
    double[] xs = {0, 1, 2, 3};
    double[] ys = {1e-7, 3e-7, 2e-7, 5e-7};
    LineEnvelope c = new LineEnvelope("c", ys, ys, xs, ys);
    JFreeChart chart = Charts.lines("t", "x", "y", List.of(c));
    Ticks.fit(chart, 1000, 600);
    NumberAxis y = (NumberAxis) chart.getXYPlot().getRangeAxis();
    long n = ticks(y);
    assertTrue(n >= 2 && n <= 13, n + " labels");
    assertTrue(y.getTickUnit().getSize() <= 1e-7, "unit " + y.getTickUnit().getSize());
  }
}
