package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.FigureScale;
import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SmallMultiples;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPointKernel;
import gradgrid.job.criticals.FoldCurves;
import gradgrid.job.criticals.FoldKernel;
import gradgrid.job.criticals.FoldPoint;
import gradgrid.job.criticals.InnerScan;
import gradgrid.job.grid.Axis;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map of the number of extrema: its colour scale and contour lines follow the conf's {@code
 * figures} block, and its default contour lines are the boundaries between regions of one count,
 * which for the quartic x^4 - a x^2 + b x lie on its cusp 27 b^2 = 8 a^3. (The constant 3 keeps f
 * away from 0 at the minima, where the counting rule would call them flat: at a = 2, b = 0 the
 * minima of x^4 - 2x^2 + 1 are f = 0.)
 */
class CriticalPointFiguresTest {
  private static final String CUSP =
      "function = \"x^4 - alpha * x^2 + beta * x + 3\"\n"
          + "inputs {\n  x = 0\n  alpha { from = 0.2, to = 2, points = 19 }\n"
          + "  beta { from = -1, to = 1, points = 21 }\n}\n"
          + "outputs = [\"critical-points(x, -3, 3, 2001)\"]\noutput.dir = cusp\n";

  @TempDir Path dir;

  @Test
  void defaultLevelsAreTheHalfIntegersBetweenCounts() {
    ColourScale linear = ColourScale.LINEAR;
    assertArrayEquals(
        new double[] {1.5, 2.5, 3.5, 4.5},
        CriticalPointFigures.countLevels(new double[] {1, 5}, linear, FiguresSpec.AUTO_CONTOURS));
    // cell means of several rows need not be whole numbers
    assertArrayEquals(
        new double[] {1.5, 2.5},
        CriticalPointFigures.countLevels(
            new double[] {1.2, 2.7}, linear, FiguresSpec.AUTO_CONTOURS));
    assertEquals(
        0,
        CriticalPointFigures.countLevels(new double[] {3, 3}, linear, FiguresSpec.AUTO_CONTOURS)
            .length,
        "one count everywhere: no boundary");
    assertEquals(0, CriticalPointFigures.countLevels(new double[] {0, 4}, linear, 0).length);
    assertArrayEquals(
        new double[] {1, 2, 3}, CriticalPointFigures.countLevels(new double[] {0, 4}, linear, 3));
    // on a log scale, a number of levels is spread evenly in log10(count): 1, 10, 100 -> 10^0.5...
    ColourScale log = new ColourScale(FigureScale.LOG, 1);
    double[] l = CriticalPointFigures.countLevels(new double[] {1, 100}, log, 3);
    assertArrayEquals(
        new double[] {Math.pow(10, 0.5), 10, Math.pow(10, 1.5)}, l, 1e-12, "log levels");
  }

  @Test
  void theCountMapFollowsTheConfAndItsBoundariesLieOnTheCusp() throws Exception {
    SweepSpec spec = SmallSweeps.run(dir, CUSP);
    OutputSpec.CriticalPoints cp = (OutputSpec.CriticalPoints) spec.outputs().get(0);
    Dataset<Row> map = SparkTestSession.get().read().parquet(spec.output());
    List<Axis> axes = spec.grid().axes();
    String col = "`" + cp.column() + "`";
    HeatmapGrid g =
        HeatmapGrid.aggregate(
            map,
            axes.get(0).column(),
            axes.get(1).column(),
            col + ".maxima + " + col + ".minima",
            19,
            21);
    assertArrayEquals(new double[] {1, 3}, g.range(), "one extremum outside the cusp, 3 inside");
    List<FoldPoint> folds =
        FoldCurves.find(
            map,
            axes,
            cp,
            new FoldKernel(SmallSweeps.providers().traced(spec), spec.inputs(), cp, axes));

    FiguresSpec auto = new FiguresSpec(dir.resolve("fig"), null, 500, 400);
    JFreeChart chart =
        CriticalPointFigures.countChart(g, axes.get(0), axes.get(1), "x", folds, auto);
    XYDataset lines = chart.getXYPlot().getDataset(1);
    assertEquals(2, lines.getSeriesCount(), "the levels 1.5 and 2.5");
    int points = 0;
    for (int s = 0; s < lines.getSeriesCount(); s++) {
      for (int i = 0; i < lines.getItemCount(s); i++) {
        double a = lines.getXValue(s, i);
        double b = lines.getYValue(s, i);
        if (Double.isNaN(a)) {
          continue;
        }
        points++;
        // within one cell's diagonal (0.1 x 0.1) of the cusp b = +-sqrt(8 a^3 / 27)
        assertTrue(distanceToCusp(a, b) < 0.15, "(" + a + ", " + b + ") is off the cusp");
      }
    }
    assertTrue(points > 20, points + " contour points");
    assertEquals("local extrema (maxima + minima)", label(chart));

    FiguresSpec logNone =
        new FiguresSpec(
            dir.resolve("fig"), null, 500, 400, FigureScale.LOG, 0, SmallMultiples.AUTO);
    JFreeChart log =
        CriticalPointFigures.countChart(g, axes.get(0), axes.get(1), "x", folds, logNone);
    assertTrue(label(log).endsWith(" (log scale)"), label(log));
    assertEquals(null, log.getXYPlot().getDataset(1), "figures.contours = 0 draws no lines");

    List<Path> files =
        CriticalPointFigures.draw(map, spec, logNone, SmallSweeps.providers(), System.err);
    assertEquals(6, files.size(), files.toString());
    Path png = auto.dir().resolve(cp.column().replace('_', '-') + "-count.png");
    ReferenceFiguresTest.checkPng(png, 500, 400);
    assertTrue(Files.size(auto.dir().resolve(cp.column().replace('_', '-') + "-count.svg")) > 0);
  }

  @Test
  void theProfileMarksTheMapsExtremaAtTheConfsPoint() {
    SweepSpec spec = SmallSweeps.run(dir, CUSP);
    OutputSpec.CriticalPoints cp = (OutputSpec.CriticalPoints) spec.outputs().get(0);
    Dataset<Row> map = SparkTestSession.get().read().parquet(spec.output());
    double a = CriticalPointFigures.lineValue(spec, spec.grid().axes().get(0));
    double b = CriticalPointFigures.lineValue(spec, spec.grid().axes().get(1));
    assertEquals(1.1, a, 1e-12, "the middle of each scalar axis");
    assertEquals(0, b, 1e-12);
    JFreeChart chart =
        CriticalPointFigures.profileChart(
            map,
            spec,
            SmallSweeps.providers().traced(spec),
            cp,
            new FiguresSpec(dir, null, 500, 400));
    XYDataset curves = chart.getXYPlot().getDataset(0);
    assertEquals(2, curves.getSeriesCount(), "f and f'");
    // every 3rd of the 2,001 inner points and the last, within twice the 500-pixel width
    assertEquals(668, curves.getItemCount(0));
    for (int i = 0; i < curves.getItemCount(0); i++) {
      double x = curves.getXValue(0, i);
      assertEquals(x * x * x * x - a * x * x + b * x + 3, curves.getYValue(0, i), 1e-12, "f");
      assertEquals(4 * x * x * x - 2 * a * x + b, curves.getYValue(1, i), 1e-12, "f'");
    }
    assertEquals(-3, curves.getXValue(0, 0));
    assertEquals(3, curves.getXValue(0, curves.getItemCount(0) - 1), "the last point is kept");
    // f' = 4x^3 - 2ax at b = 0: a maximum at 0 and minima at +-sqrt(a/2), on f and on f' = 0
    XYDataset marks = chart.getXYPlot().getDataset(1);
    assertEquals(2, marks.getSeriesCount(), "maxima and minima");
    double r = Math.sqrt(a / 2);
    int[] expected = {2, 4};
    for (int s = 0; s < 2; s++) {
      int n = marks.getItemCount(s);
      assertEquals(expected[s], n, "series " + s + ": each extremum on f and on f' = 0");
      for (int i = 0; i < n; i++) {
        double x = marks.getXValue(s, i);
        double y = marks.getYValue(s, i);
        double fx = x * x * x * x - a * x * x + 3;
        assertEquals(0, s == 0 ? x : Math.abs(Math.abs(x) - r), 1e-10, "x of " + s);
        assertTrue(Math.abs(y - fx) < 1e-10 || y == 0, "(" + x + ", " + y + ") is on f or on 0");
      }
    }
  }

  @Test
  void aProfileOfALargeInnerGridRunsInBatchesAtEveryStepThPoint() {
    SweepSpec spec = SmallSweeps.spec(dir, CUSP.replace("2001)", "100001)"));
    OutputSpec.CriticalPoints cp = (OutputSpec.CriticalPoints) spec.outputs().get(0);
    InnerScan scan =
        new CriticalPointKernel(SmallSweeps.providers().traced(spec), spec.inputs(), cp).create();
    double a = 1.3;
    double b = -0.2;
    double[][] p = scan.profile(new double[] {a, b}, 20001);
    // 100,001 points at every 5th: 20,001 of them, over five 4,096-point batches
    assertEquals(20001, p[0].length);
    for (int i = 0; i < p[0].length; i++) {
      double x = -3 + 6.0 * (5 * i) / 100000;
      assertEquals(x, p[0][i], 1e-15, "x " + i);
      double fx = x * x * x * x - a * x * x + b * x + 3;
      assertEquals(fx, p[1][i], 1e-12 * Math.max(1, Math.abs(fx)), "f " + i);
      assertEquals(4 * x * x * x - 2 * a * x + b, p[2][i], 1e-11, "f' " + i);
    }
    double[][] all = scan.profile(new double[] {a, b}, 7);
    assertEquals(7, all[0].length, "every 16,667th point and the last");
    assertEquals(3, all[0][6]);
  }

  private static double distanceToCusp(double a, double b) {
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k <= 20000; k++) {
      double u = 2.2 * k / 20000;
      double v = Math.sqrt(8 * u * u * u / 27);
      best = Math.min(best, Math.min(Math.hypot(a - u, b - v), Math.hypot(a - u, b + v)));
    }
    return best;
  }

  private static String label(JFreeChart chart) {
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      if (chart.getSubtitle(i) instanceof PaintScaleLegend p) {
        return p.getAxis().getLabel();
      }
    }
    throw new AssertionError("no colour bar");
  }
}
