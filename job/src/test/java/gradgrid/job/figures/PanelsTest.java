package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.SmallMultiples;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** The small-multiples decision on crafted ranges, and the panels' chart. */
class PanelsTest {
  private static LineEnvelope curve(String label, double lo, double hi) {
    double[] xs = {0, 1, 2};
    double[] ys = {lo, hi, lo};
    return new LineEnvelope(label, ys.clone(), ys.clone(), xs, ys);
  }

  @Test
  void rangesDifferingByMoreThanTwentyTimesGetPanels() {
    assertTrue(Panels.needed(new double[] {1, 2, 20.001}));
    assertFalse(Panels.needed(new double[] {1, 2, 20})); // exactly the factor: together
    assertFalse(Panels.needed(new double[] {3400, 400, 200})); // 17x
    assertTrue(Panels.needed(new double[] {2250, 8.5})); // the seed's df/dbeta_5 and df/dbeta_0
    assertTrue(Panels.needed(new double[] {0, 1})); // a constant beside a varying component
    assertFalse(Panels.needed(new double[] {0, 0}));
    assertFalse(Panels.needed(new double[] {5}));
    assertFalse(Panels.needed(new double[] {Double.NaN, 1, 1.5}));
    assertTrue(Panels.needed(new double[] {Double.NaN, 1, 100}));
  }

  @Test
  void theSettingOverridesTheRanges() {
    List<LineEnvelope> close = List.of(curve("a", 0, 1), curve("b", 0, 2));
    List<LineEnvelope> far = List.of(curve("a", 0, 1), curve("b", -1700, 1700));
    assertEquals(3400, far.get(1).span(), 0);
    assertFalse(Panels.split(SmallMultiples.AUTO, close));
    assertTrue(Panels.split(SmallMultiples.AUTO, far));
    assertTrue(Panels.split(SmallMultiples.ALWAYS, close));
    assertFalse(Panels.split(SmallMultiples.NEVER, far));
    assertFalse(Panels.split(SmallMultiples.ALWAYS, far.subList(0, 1)));
  }

  @Test
  void eachPanelHasItsOwnAxisAndTicksForItsShareOfTheHeight() {
    List<LineEnvelope> six = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(curve("c" + i, -Math.pow(10, i), Math.pow(10, i)));
    }
    JFreeChart chart = Charts.panels("t", "x", six);
    Ticks.fit(chart, 1000, 600);
    List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
    assertEquals(6, panels.size());
    for (int i = 0; i < 6; i++) {
      NumberAxis y = (NumberAxis) panels.get(i).getRangeAxis();
      assertEquals("c" + i, y.getLabel());
      assertTrue(y.getUpperBound() >= Math.pow(10, i), "panel " + i + " holds its curve");
      long n = Ticks.count(y.getLowerBound(), y.getUpperBound(), y.getTickUnit().getSize());
      assertTrue(n >= 2 && n <= Ticks.maxTicks(100, Ticks.UP) + 1, "panel " + i + ": " + n);
    }
  }
}
