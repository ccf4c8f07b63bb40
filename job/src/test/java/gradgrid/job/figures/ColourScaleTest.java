package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.job.conf.FigureScale;
import org.junit.jupiter.api.Test;

/** The auto choice of a heatmap's colour scale, and the scales' maps. */
class ColourScaleTest {
  private static double[] logspace(double fromExp, double toExp, int n, double sign) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = sign * Math.pow(10, fromExp + (toExp - fromExp) * i / (n - 1));
    }
    return v;
  }

  @Test
  void autoPicksLogForPositiveDataSpanningMoreThanThreeDecades() {
    assertEquals(FigureScale.LOG, ColourScale.choose(logspace(-2, 4, 50, 1))); // 6 decades
    assertEquals(FigureScale.LINEAR, ColourScale.choose(logspace(0, 2.9, 50, 1)));
    // Zeros and empty cells do not count: min positive 1e-3, max 10.
    assertEquals(FigureScale.LOG, ColourScale.choose(new double[] {0, Double.NaN, 1e-3, 1, 10, 0}));
    assertEquals(FigureScale.LINEAR, ColourScale.choose(new double[] {0, 0, Double.NaN}));
  }

  @Test
  void autoPicksSymlogForSignedDataSpanningManyDecades() {
    double[] pos = logspace(-2, 4, 40, 1);
    double[] signed = new double[80];
    for (int i = 0; i < 40; i++) {
      signed[i] = pos[i];
      signed[40 + i] = -pos[i];
    }
    assertEquals(FigureScale.SYMLOG, ColourScale.choose(signed));
    // A smooth signed surface: sin on a grid passes near zero at each sign change, yet spans
    // only about two decades above its 10th percentile of |values|.
    double[] sin = new double[2001];
    for (int i = 0; i < sin.length; i++) {
      sin[i] = 5 * Math.sin(i * 0.0123 + 0.001);
    }
    assertEquals(FigureScale.LINEAR, ColourScale.choose(sin));
  }

  @Test
  void logFloorsAtTheFirstPercentileOfPositiveValuesAndFallsBackToSymlog() {
    double[] many = logspace(-2, 4, 601, 1); // 10^(-2 + 0.01 i)
    many[0] = 1e-9; // one cell at a minimum
    assertEquals(Math.pow(10, -1.94), ColourScale.of(FigureScale.LOG, many).c(), 1e-15);
    ColourScale log = ColourScale.of(FigureScale.LOG, new double[] {0, 0.01, 5, 100});
    assertEquals(FigureScale.LOG, log.kind());
    assertEquals(0.01, log.c());
    assertEquals(-2, log.t(0), 1e-12); // zero takes the lowest colour
    assertEquals(2, log.t(100), 1e-12);
    assertEquals(
        FigureScale.SYMLOG, ColourScale.of(FigureScale.LOG, new double[] {-1, -100}).kind());
    assertEquals(FigureScale.LINEAR, ColourScale.of(FigureScale.AUTO, new double[] {1, 2}).kind());
  }

  @Test
  void symlogIsLinearWithinThePowerOfTenThresholdAndInvertible() {
    double[] v = logspace(-2, 4, 61, 1);
    ColourScale s = ColourScale.of(FigureScale.SYMLOG, v);
    // 10th percentile of |v| is 10^-1.4; its power of ten at or below is 0.01.
    assertEquals(0.01, s.c(), 1e-15);
    assertEquals(0.5, s.t(0.005), 1e-12); // linear: v / c
    assertEquals(-4, s.t(-10), 1e-12); // -(1 + log10(10 / 0.01))
    assertEquals(1, s.t(0.01), 1e-12);
    for (double x : new double[] {-3000, -0.07, 0, 0.003, 0.1, 42, 9e3}) {
      assertEquals(x, s.inverse(s.t(x)), 1e-12 * Math.max(1, Math.abs(x)));
    }
    // At most 6 decades of threshold below the largest |value|.
    assertEquals(1e-2, ColourScale.threshold(new double[] {1e-9, 1e-9, 1e4}), 1e-18);
  }
}
