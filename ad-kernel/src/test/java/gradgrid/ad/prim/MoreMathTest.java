package gradgrid.ad.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The functions gradgrid computes itself ({@link MoreMath}, {@link Erf}) against correctly rounded
 * values: {@code correctly_rounded.txt}, written by mpmath at 300 bits ({@code
 * correctly_rounded.py} beside it), 2,672 points including the extremes of each range.
 */
class MoreMathTest {
  record Point(String fn, double x, double expected) {}

  static List<Point> points() throws IOException {
    List<Point> r = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                MoreMathTest.class.getResourceAsStream("correctly_rounded.txt"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] p = line.split(" ");
        r.add(new Point(p[0], Double.parseDouble(p[1]), Double.parseDouble(p[2])));
      }
    }
    return r;
  }

  /** The error of {@code got} in units in the last place of the correctly rounded {@code want}. */
  static double ulps(double got, double want) {
    if (got == want || Double.isNaN(got) && Double.isNaN(want)) {
      return 0;
    }
    return Math.abs(got - want) / Math.ulp(want);
  }

  private static final Map<String, DoubleUnaryOperator> FNS =
      Map.of(
          "erf", Erf::erf,
          "erfc", Erf::erfc,
          "asinh", MoreMath::asinh,
          "acosh", MoreMath::acosh,
          "atanh", MoreMath::atanh,
          "log2", MoreMath::log2,
          "sigmoid", MoreMath::sigmoid,
          "softplus", MoreMath::softplus);

  @Test
  void withinOneUlpOfTheCorrectlyRoundedValue() throws IOException {
    int checked = 0;
    for (Point p : points()) {
      double bound = 1;
      for (double sign : new double[] {1, -1}) {
        boolean odd = p.fn().equals("erf") || p.fn().equals("asinh") || p.fn().equals("atanh");
        if (sign < 0 && !odd) {
          continue;
        }
        double got = FNS.get(p.fn()).applyAsDouble(sign * p.x());
        assertTrue(
            ulps(got, sign * p.expected()) <= bound,
            p.fn()
                + "("
                + sign * p.x()
                + ") = "
                + got
                + ", correctly rounded "
                + sign * p.expected());
        checked++;
      }
    }
    assertTrue(checked > 2600, "read " + checked + " points");
  }

  @Test
  void edgesFollowTheLimits() {
    assertEquals(Double.POSITIVE_INFINITY, MoreMath.atanh(1.0));
    assertEquals(Double.NEGATIVE_INFINITY, MoreMath.atanh(-1.0));
    assertTrue(Double.isNaN(MoreMath.atanh(1.5)));
    assertTrue(Double.isNaN(MoreMath.acosh(0.5)));
    assertTrue(Double.isNaN(MoreMath.acosh(-3.0))); // not log1p of something real
    assertEquals(0.0, MoreMath.acosh(1.0));
    assertEquals(Double.POSITIVE_INFINITY, MoreMath.asinh(Double.POSITIVE_INFINITY));
    assertEquals(-0.0, MoreMath.asinh(-0.0));
    assertEquals(Double.NEGATIVE_INFINITY, MoreMath.log2(0.0));
    assertTrue(Double.isNaN(MoreMath.log2(-1.0)));
    for (int k = -1074; k <= 1023; k++) {
      assertEquals(k, MoreMath.log2(Math.scalb(1.0, k)), "log2 of 2^" + k + " is exact");
    }
    assertEquals(1.0, MoreMath.sigmoid(Double.POSITIVE_INFINITY));
    assertEquals(0.0, MoreMath.sigmoid(Double.NEGATIVE_INFINITY));
    assertEquals(1e300, MoreMath.softplus(1e300)); // log(1 + e^x) would overflow to +inf
    assertEquals(0.0, MoreMath.softplus(-1e300));
    assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
    assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, Erf.erfc(30.0));
    assertTrue(Double.isNaN(Erf.erf(Double.NaN)) && Double.isNaN(Erf.erfc(Double.NaN)));
  }

  @Test
  void erfAndErfcAddUpToOne() {
    for (double x = -6; x <= 6; x += 0.01) {
      // erf + erfc = 1 to within the rounding of the larger
      assertEquals(1.0, Erf.erf(x) + Erf.erfc(x), 2 * Math.ulp(1.0), "x = " + x);
    }
  }
}
