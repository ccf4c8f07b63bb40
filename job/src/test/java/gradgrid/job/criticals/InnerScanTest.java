package gradgrid.job.criticals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.Fn;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.polynomials.PolynomialFunction;
import org.hipparchus.analysis.solvers.LaguerreSolver;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InnerScan} without Spark, against independent oracles: the real roots of the polynomial
 * numerator of f' for the rational function (Hipparchus {@link LaguerreSolver}), closed forms for
 * text functions, and the inner grid's edge cases.
 */
class InnerScanTest {
  private static final double[] ALPHA = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};

  private static final String PLANE =
      "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
          + "inputs {\n  x = 0\n  alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n"
          + "  beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n"
          + "  \"alpha[1]\" { from = -3, to = 3, points = 7 }\n"
          + "  \"beta[1]\" { from = -2, to = 2, points = 9 }\n}\n"
          + "outputs = [\"critical-points(x, -10, 10, 20001)\"]\n";

  @TempDir Path dir;

  private InnerScan scanner(String conf) {
    SweepSpec spec = SmallSweeps.spec(dir, conf);
    Fn f = SmallSweeps.providers().traced(spec);
    OutputSpec.CriticalPoints cp =
        spec.outputs().stream()
            .filter(OutputSpec.CriticalPoints.class::isInstance)
            .map(OutputSpec.CriticalPoints.class::cast)
            .findFirst()
            .orElseThrow();
    return new CriticalPointKernel(f, spec.inputs(), cp).create();
  }

  /**
   * The counted critical points of P/(1 + Q^2) on (lo, hi) from the polynomial numerator of f', N =
   * P'(1 + Q^2) - 2 P Q Q' (degree 14 here): its real roots by Laguerre, polished by Newton on N,
   * kept where |f| >= 1e-6 (the counting rule).
   */
  private static List<double[]> polynomialExtrema(
      double[] alpha, double[] beta, double lo, double hi) {
    PolynomialFunction p = new PolynomialFunction(alpha);
    PolynomialFunction q = new PolynomialFunction(beta);
    PolynomialFunction one = new PolynomialFunction(new double[] {1});
    PolynomialFunction d = one.add(q.multiply(q));
    PolynomialFunction n =
        p.polynomialDerivative()
            .multiply(d)
            .subtract(
                p.multiply(q)
                    .multiply(q.polynomialDerivative())
                    .multiply(new PolynomialFunction(new double[] {2})));
    PolynomialFunction dn = n.polynomialDerivative();
    List<double[]> out = new ArrayList<>();
    for (Complex z : new LaguerreSolver(1e-15).solveAllComplex(n.getCoefficients(), 0.0)) {
      if (Math.abs(z.getImaginary()) > 1e-7 * Math.max(1, z.norm())) {
        continue;
      }
      double r = z.getReal();
      for (int i = 0; i < 5; i++) {
        r -= n.value(r) / dn.value(r);
      }
      double f = p.value(r) / d.value(r);
      if (r > lo && r < hi && Math.abs(f) >= 1e-6) {
        // the sign of f'' at a root of f' is the sign of N' (D^2 > 0)
        out.add(new double[] {r, f, Math.signum(dn.value(r))});
      }
    }
    out.sort((a, b) -> Double.compare(a[0], b[0]));
    return out;
  }

  @Test
  void countsAndLocationsEqualThePolynomialRootsOverACoefficientPlane() {
    InnerScan scan = scanner(PLANE);
    int rows = 0;
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 9; j++) {
        double a1 = -3 + i;
        double b1 = -2 + 0.5 * j;
        double[] alpha = ALPHA.clone();
        double[] beta = BETA.clone();
        alpha[1] = a1;
        beta[1] = b1;
        List<double[]> expected = polynomialExtrema(alpha, beta, -10, 10);
        CriticalPointSet got = scan.scan(new double[] {a1, b1});
        String at = "alpha[1] = " + a1 + ", beta[1] = " + b1 + ": " + got.count();
        assertEquals(expected.size(), got.count(), at);
        int maxima = 0;
        for (int k = 0; k < expected.size(); k++) {
          double[] e = expected.get(k);
          assertEquals(e[0], got.x()[k], 1e-9 * Math.max(1, Math.abs(e[0])), at + " x" + k);
          assertEquals(e[1], got.f()[k], 1e-12 * Math.max(1, Math.abs(e[1])), at + " f" + k);
          assertEquals((int) e[2], got.d2fSign()[k], at + " sign" + k);
          maxima += e[2] < 0 ? 1 : 0;
        }
        assertEquals(maxima, got.maxima(), at);
        rows++;
      }
    }
    assertEquals(63, rows);
    assertEquals(63L * 20001, scan.evaluations());
  }

  @Test
  void theSeedPointHasTheReferencesFiveExtrema() {
    CriticalPointSet s = scanner(PLANE).scan(new double[] {-1.2, -0.6});
    // extrema of conf/seed.conf: maxima at -6.248, -0.378, 3.377; minima at -2.973, 1.694
    assertEquals(3, s.maxima());
    assertEquals(2, s.minima());
    assertArrayEquals(
        new double[] {
          -6.248018722466944,
          -2.9730317389100804,
          -0.37785691132247307,
          1.6944777293904216,
          3.3766676999605325
        },
        s.x(),
        1e-9);
    assertArrayEquals(new int[] {-1, 1, -1, 1, -1}, s.d2fSign());
  }

  @Test
  void cubicHasTwoExtremaAtPlusMinusRootOfAThirdAndNoneForNegativeA() {
    InnerScan scan =
        scanner(
            "function = \"x^3 - a * x\"\ninputs {\n  x = 0\n  a { from = -1, to = 3, points = 5 }\n}\n"
                + "outputs = [\"critical-points(x, -2, 2, 4001)\"]\n");
    for (double a : new double[] {0.5, 1, 2, 3}) {
      CriticalPointSet s = scan.scan(new double[] {a});
      double r = Math.sqrt(a / 3); // f' = 3x^2 - a
      assertArrayEquals(new double[] {-r, r}, s.x(), 1e-12, "a = " + a);
      assertArrayEquals(new int[] {-1, 1}, s.d2fSign());
      // f'' = 6x: |f''| = 6 r at both
      assertEquals(6 * r, s.minAbsD2f(), 1e-9);
      assertEquals(1, s.maxima());
    }
    CriticalPointSet none = scan.scan(new double[] {-1});
    assertEquals(0, none.count());
    assertTrue(Double.isNaN(none.minAbsD2f()));
  }

  @Test
  void cuspQuarticHasThreeExtremaInsideTheCuspAndOneOutside() {
    // f = x^4 - a x^2 + b x: f' = 4x^3 - 2a x + b has three real roots iff 8 a^3 > 27 b^2
    InnerScan scan =
        scanner(
            "function = \"x^4 - a * x^2 + b * x\"\ninputs {\n  x = 0\n"
                + "  a { from = 0, to = 2, points = 3 }\n  b { from = -1, to = 1, points = 3 }\n}\n"
                + "outputs = [\"critical-points(x, -3, 3, 6001)\"]\n");
    for (double[] ab : new double[][] {{2, 0.5}, {2, -1}, {1, 0.2}, {1, 0.8}, {0.5, 0.1}, {0, 1}}) {
      double a = ab[0];
      double b = ab[1];
      int expected = 8 * a * a * a > 27 * b * b ? 3 : 1;
      CriticalPointSet s = scan.scan(ab);
      assertEquals(expected, s.count(), "a = " + a + ", b = " + b);
      for (double x : s.x()) {
        assertEquals(0, 4 * x * x * x - 2 * a * x + b, 1e-12, "f'(" + x + ")");
      }
      assertEquals(expected == 3 ? 1 : 0, s.maxima());
    }
  }

  @Test
  void aRootExactlyOnAGridPointCountsOnce() {
    // inner grid -1, -0.5, 0, 0.5, 1: f' = 2 (x - 0.5) is exactly 0 at the grid point 0.5
    CriticalPointSet s =
        scanner(
                "function = \"(x - 0.5)^2 + c\"\ninputs {\n  x = 0\n  c { values = [1, 2] }\n}\n"
                    + "outputs = [\"critical-points(x, -1, 1, 5)\"]\n")
            .scan(new double[] {1});
    assertArrayEquals(new double[] {0.5}, s.x(), 0);
    assertArrayEquals(new double[] {1}, s.f(), 0);
    assertEquals(1, s.minima());
    assertEquals(2, s.minAbsD2f(), 1e-12);
  }

  @Test
  void extremaInFlatRegionsAreNotCounted() {
    // f = c exp(-x^2): one maximum at 0 with f = c; |f| < 1e-6 is a flat region
    InnerScan scan =
        scanner(
            "function = \"c * exp(-x^2)\"\ninputs {\n  x = 0\n  c { values = [1e-8, 1] }\n}\n"
                + "outputs = [\"critical-points(x, -3, 3.1, 101)\"]\n");
    assertEquals(0, scan.scan(new double[] {1e-8}).count());
    CriticalPointSet one = scan.scan(new double[] {1});
    assertEquals(1, one.maxima());
    assertEquals(0, one.x()[0], 1e-13);
  }

  @Test
  void twoRootsInsideOneCellAreFoundFromTheDipOfFPrime() {
    // f' = 3x^2 - a has roots +-0.01 for a = 3e-4; no grid point below lies between them, so f' > 0
    // at every grid point and there is no sign change: the dip of |f'| is split at f'' = 0 (x = 0)
    String conf =
        "function = \"x^3 - a * x\"\ninputs {\n  x = 0\n  a { values = [3e-4] }\n}\n"
            + "outputs = [\"critical-points(x, -1, %s, %d)\"]\n";
    for (String grid : new String[] {"1.2, 4", "1, 4", "1, 2000"}) {
      InnerScan scan =
          scanner(conf.formatted(grid.split(", ")[0], Integer.parseInt(grid.split(", ")[1])));
      CriticalPointSet s = scan.scan(new double[] {3e-4});
      // Newton stops at |f'| < 1e-12, so |x - r| < 1e-12 / |f''(r)| = 1.7e-11
      assertArrayEquals(new double[] {-0.01, 0.01}, s.x(), 2e-11, grid);
      assertArrayEquals(new int[] {-1, 1}, s.d2fSign(), grid);
      // f'' = 6x: 0.06 at both
      assertEquals(0.06, s.minAbsD2f(), 1e-9, grid);
      // on the fine grid (cells of 0.001) the two roots are ordinary sign changes
      assertEquals(grid.endsWith("2000") ? 0 : 1, scan.hiddenPairs(), grid);
    }
  }

  @Test
  void bracketsAcrossTheKernelsBatchesAndAtTheGridsEnds() {
    // inner grid 0, 1, ..., 4096: the kernel's batches are points 0-4095 and 4096 alone, and the
    // blocks InnerScan.oneSignNoDip clears are points 1-64, 65-128, ...;
    // f = (x - c)^2 + 1 has its one minimum at x = c
    // inside a cell (the last cell straddles the batches), and on grid points (4095 is the last
    // point of the first batch, its right neighbour in the second)
    for (double c : new double[] {0.5, 1, 64, 64.5, 65, 128.5, 2048.25, 4094.5, 4095, 4095.5}) {
      CriticalPointSet s =
          scanner(
                  "function = \"(x - c)^2 + 1\"\ninputs {\n  x = 0\n  c = "
                      + c
                      + "\n}\noutputs = [\"critical-points(x, 0, 4096, 4097)\"]\n")
              .scan(new double[0]);
      assertArrayEquals(new double[] {c}, s.x(), 1e-9, "c = " + c);
    }
    // a zero of f' on the grid's first or last point has no neighbour on one side: not bracketed
    // (extrema's window has no lag or lead there either)
    for (double c : new double[] {0, 4096, 5000}) {
      CriticalPointSet s =
          scanner(
                  "function = \"(x - c)^2 + 1\"\ninputs {\n  x = 0\n  c = "
                      + c
                      + "\n}\noutputs = [\"critical-points(x, 0, 4096, 4097)\"]\n")
              .scan(new double[0]);
      assertEquals(0, s.count(), "c = " + c);
    }
    // the smallest inner grid, 2 points: one cell
    CriticalPointSet two =
        scanner(
                "function = \"(x - 0.25)^2 + 1\"\ninputs.x = 0\n"
                    + "outputs = [\"critical-points(x, 0, 1, 2)\"]\n")
            .scan(new double[0]);
    assertArrayEquals(new double[] {0.25}, two.x(), 1e-12);
  }

  /**
   * The block test that lets the scan skip 64 points at once, on short sequences drawn from values
   * where the integer form could go wrong (both zeros, subnormals, products that underflow, the
   * largest double, infinities, NaN, ties): it equals its definition in doubles, and where it holds
   * the point rule brackets nothing and sees no dip at any point between the ends.
   */
  @Test
  void theBlockTestSkipsOnlyWhatThePointRuleWouldSkip() {
    double[] pool = {
      0.0,
      Double.MIN_VALUE,
      2 * Double.MIN_VALUE,
      Double.MIN_NORMAL,
      1e-160,
      3e-160,
      0.5,
      1,
      1,
      2,
      1e300,
      Double.MAX_VALUE,
      Double.POSITIVE_INFINITY,
      Double.NaN
    };
    Random random = new Random(16);
    int held = 0;
    for (int trial = 0; trial < 200_000; trial++) {
      double[] d = new double[2 + random.nextInt(5)];
      boolean oneSign = random.nextInt(4) != 0;
      double sign = random.nextBoolean() ? 1 : -1;
      for (int i = 0; i < d.length; i++) {
        double v = pool[random.nextInt(pool.length)];
        d[i] = (oneSign ? sign : random.nextBoolean() ? 1 : -1) * v;
      }
      if (random.nextInt(3) == 0) {
        Arrays.sort(d);
      }
      int hi = d.length - 1;
      boolean expected = oneSignNoDipInDoubles(d);
      assertEquals(expected, InnerScan.oneSignNoDip(d, 0, hi), Arrays.toString(d));
      if (expected) {
        held++;
        for (int k = 1; k < hi; k++) {
          double p = d[k - 1];
          double c = d[k];
          double q = d[k + 1];
          assertEquals(SignRule.NONE, SignRule.at(p, c, q), Arrays.toString(d));
          boolean dip =
              Math.signum(p) == Math.signum(c)
                  && Math.signum(c) == Math.signum(q)
                  && Math.abs(c) < Math.abs(p)
                  && Math.abs(c) <= Math.abs(q);
          assertTrue(!dip, Arrays.toString(d));
        }
      }
    }
    assertTrue(held > 10_000, "the block test held in " + held + " trials");
  }

  /** {@link InnerScan#oneSignNoDip}'s definition, in double comparisons. */
  private static boolean oneSignNoDipInDoubles(double[] d) {
    boolean positive = true;
    boolean negative = true;
    boolean up = true;
    boolean down = true;
    for (int i = 0; i < d.length; i++) {
      positive &= d[i] > 0 && d[i] < Double.POSITIVE_INFINITY;
      negative &= d[i] < 0 && d[i] > Double.NEGATIVE_INFINITY;
      if (i > 0) {
        up &= Math.abs(d[i]) >= Math.abs(d[i - 1]);
        down &= Math.abs(d[i]) < Math.abs(d[i - 1]);
      }
    }
    return (positive || negative) && (up || down);
  }
}
