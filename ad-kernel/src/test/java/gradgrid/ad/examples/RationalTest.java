package gradgrid.ad.examples;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.testing.RationalClosedForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * The worked example's derivatives, all produced by the transforms from the traced function,
 * against the closed forms of DESIGN.md and against Hipparchus DerivativeStructure (its exact
 * {@code pow(int)}), at 1,000 random points and at x = 0 exactly.
 */
class RationalTest {
  private static final double REL = 1e-10;
  private static final Fn F = Rational.of(5, 5);
  private static final Fn DF = AD.grad(F);
  private static final Fn D2F = AD.grad(AD.grad(F));
  private static final Fn D3F = AD.grad(AD.grad(AD.grad(F)));
  private static final Fn DALPHA = AD.grad(F, 1);
  private static final Fn DBETA = AD.grad(F, 2);
  private static final Fn HESS = AD.hessian(F, 1, 2);

  private static List<double[][]> points() {
    Random r = new Random(20261126L);
    List<double[][]> pts = new ArrayList<>();
    for (int n = 0; n < 1000; n++) {
      double[] a = new double[6];
      double[] b = new double[6];
      for (int i = 0; i < 6; i++) {
        a[i] = 2 * r.nextDouble() - 1;
        b[i] = 2 * r.nextDouble() - 1;
      }
      double x = n < 10 ? 0.0 : 20 * r.nextDouble() - 10;
      pts.add(new double[][] {{x}, a, b});
    }
    return pts;
  }

  @Test
  void firstAndSecondDerivativeInXMatchClosedForms() {
    for (double[][] p : points()) {
      RationalClosedForm c = new RationalClosedForm(p[0][0], p[1], p[2]);
      assertClose(c.f(), F.callScalar(p), REL, 0, "f at " + p[0][0]);
      assertClose(c.f1(), DF.callScalar(p), REL, c.f1Scale(), "f' at " + p[0][0]);
      assertClose(c.f2(), D2F.callScalar(p), REL, c.f2Scale(), "f'' at " + p[0][0]);
    }
  }

  @Test
  void coefficientGradientsMatchClosedForms() {
    for (double[][] p : points()) {
      RationalClosedForm c = new RationalClosedForm(p[0][0], p[1], p[2]);
      double[] ga = DALPHA.call(p)[0];
      double[] gb = DBETA.call(p)[0];
      for (int i = 0; i < 6; i++) {
        // df/dalpha_i = x^i / D ; df/dbeta_i = -2 P Q x^i / D^2
        assertClose(c.dAlpha(i), ga[i], REL, 0, "df/dalpha_" + i + " at " + p[0][0]);
        assertClose(c.dBeta(i), gb[i], REL, 0, "df/dbeta_" + i + " at " + p[0][0]);
      }
    }
  }

  @Test
  void fullCoefficientHessianMatchesClosedForms() {
    assertEquals(List.of(36, 36, 36, 36), blockSizes(HESS));
    for (double[][] p : points()) {
      RationalClosedForm c = new RationalClosedForm(p[0][0], p[1], p[2]);
      double[][] h = HESS.call(p);
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          String at = "(" + i + "," + j + ") at x=" + p[0][0];
          // d2f/dalpha_i dalpha_j = 0 exactly: alpha enters f linearly
          assertEquals(0.0, h[0][i * 6 + j], 0.0, "d2f/dalpha dalpha " + at);
          // d2f/dalpha_i dbeta_j = -2 Q x^(i+j) / D^2, and the block below the diagonal is its
          // transpose
          assertClose(c.dAlphaBeta(i, j), h[1][i * 6 + j], REL, 0, "d2f/dalpha dbeta " + at);
          assertClose(c.dAlphaBeta(j, i), h[2][i * 6 + j], REL, 0, "d2f/dbeta dalpha " + at);
          // d2f/dbeta_j dbeta_k = 2 P x^(j+k) (3 Q^2 - 1) / D^3
          assertClose(
              c.dBetaBeta(i, j),
              h[3][i * 6 + j],
              REL,
              c.dBetaBetaScale(i, j),
              "d2f/dbeta dbeta " + at);
        }
      }
    }
  }

  @Test
  void forwardModeDerivativesMatchClosedFormsAndReverseMode() {
    Fn d1 = AD.derivative(F, 0, 1);
    Fn d2 = AD.derivative(F, 0, 2);
    Fn d3 = AD.derivative(F, 0, 3);
    assertEquals(List.of("d2f/dx2"), d2.outputNames());
    for (double[][] p : points()) {
      RationalClosedForm c = new RationalClosedForm(p[0][0], p[1], p[2]);
      assertClose(c.f1(), d1.callScalar(p), REL, c.f1Scale(), "forward f' at " + p[0][0]);
      assertClose(c.f2(), d2.callScalar(p), REL, c.f2Scale(), "forward f'' at " + p[0][0]);
      assertClose(
          D3F.callScalar(p),
          d3.callScalar(p),
          1e-9,
          Math.abs(D3F.callScalar(p)) + c.f2Scale(),
          "forward vs reverse f''' at " + p[0][0]);
    }
  }

  @Test
  void derivativesInXMatchHipparchusToThirdOrder() {
    DSFactory ds = new DSFactory(1, 3);
    for (double[][] p : points()) {
      DerivativeStructure x = ds.variable(0, p[0][0]);
      DerivativeStructure pp = ds.constant(0);
      DerivativeStructure qq = ds.constant(0);
      for (int i = 0; i < 6; i++) {
        pp = pp.add(x.pow(i).multiply(p[1][i]));
        qq = qq.add(x.pow(i).multiply(p[2][i]));
      }
      DerivativeStructure f = pp.divide(qq.pow(2).add(1));
      double scale = scaleOf(f);
      assertClose(f.getPartialDerivative(1), DF.callScalar(p), REL, scale, "f' vs Hipparchus");
      assertClose(f.getPartialDerivative(2), D2F.callScalar(p), REL, scale, "f'' vs Hipparchus");
      assertClose(f.getPartialDerivative(3), D3F.callScalar(p), 1e-9, scale, "f''' vs Hipparchus");
    }
  }

  @Test
  void coefficientHessianMatchesHipparchus() {
    DSFactory ds = new DSFactory(12, 2);
    List<double[][]> pts = points().subList(0, 200);
    for (double[][] p : pts) {
      DerivativeStructure x = ds.constant(p[0][0]);
      DerivativeStructure pp = ds.constant(0);
      DerivativeStructure qq = ds.constant(0);
      for (int i = 0; i < 6; i++) {
        pp = pp.add(ds.variable(i, p[1][i]).multiply(x.pow(i)));
        qq = qq.add(ds.variable(6 + i, p[2][i]).multiply(x.pow(i)));
      }
      DerivativeStructure f = pp.divide(qq.pow(2).add(1));
      double[][] h = HESS.call(p);
      for (int u = 0; u < 12; u++) {
        for (int v = 0; v < 12; v++) {
          int[] orders = new int[12];
          orders[u]++;
          orders[v]++;
          double expected = f.getPartialDerivative(orders);
          double actual = h[(u / 6) * 2 + v / 6][(u % 6) * 6 + v % 6];
          double scale = 1e-300 + Math.abs(expected);
          RationalClosedForm c = new RationalClosedForm(p[0][0], p[1], p[2]);
          if (u >= 6 && v >= 6) {
            scale = c.dBetaBetaScale(u - 6, v - 6);
          }
          assertClose(expected, actual, REL, scale, "H[" + u + "][" + v + "] at x=" + p[0][0]);
        }
      }
    }
  }

  @Test
  void derivativesAtZeroAreFiniteAndExact() {
    double[] a = {0.5, -1.2, 0.3, 0.05, -0.01, 0.0008};
    double[] b = {0.2, 0.4, -0.3, 0.02, 0.003, -0.0004};
    double[][] p = {{0.0}, a, b};
    RationalClosedForm c = new RationalClosedForm(0.0, a, b);
    // at x = 0: P = a0, P' = a1, Q = b0, Q' = b1 and the closed forms are exact sums of few terms
    assertClose(c.f1(), DF.callScalar(p), 1e-15, c.f1Scale(), "f'(0)");
    assertClose(c.f2(), D2F.callScalar(p), 1e-15, c.f2Scale(), "f''(0)");
    assertTrue(Double.isFinite(D3F.callScalar(p)), "f'''(0) is finite");
    double[] ga = DALPHA.call(p)[0];
    assertEquals(1 / c.d, ga[0], 1e-15, "df/dalpha_0 at 0 = 1/D");
    for (int i = 1; i < 6; i++) {
      assertEquals(0.0, ga[i], 0.0, "df/dalpha_" + i + " at 0 = 0^i/D = 0");
    }
  }

  @Test
  void gradWithTwoArgnumsGivesOneGradientPerArgument() {
    Fn g = AD.grad(F, 1, 2);
    double[][] p = points().get(500);
    double[][] both = g.call(p);
    assertEquals(List.of("df/dalpha", "df/dbeta"), g.outputNames());
    assertEquals(
        List.of(DALPHA.call(p)[0][3], DBETA.call(p)[0][4]), List.of(both[0][3], both[1][4]));
    Fn vg = AD.valueAndGrad(F, 0);
    assertEquals(F.callScalar(p), vg.call(p)[0][0], 0.0);
    assertEquals(DF.callScalar(p), vg.call(p)[1][0], 0.0);
  }

  private static List<Integer> blockSizes(Fn f) {
    return f.outputShapes().stream().map(s -> s.size()).toList();
  }

  /** The largest magnitude among the value and derivatives: what rounding error is relative to. */
  private static double scaleOf(DerivativeStructure f) {
    double m = 0;
    for (double d : f.getAllDerivatives()) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }
}
