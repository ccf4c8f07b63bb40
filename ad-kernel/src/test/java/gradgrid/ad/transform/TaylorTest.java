package gradgrid.ad.transform;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.BinaryFn;
import gradgrid.ad.prim.UnaryFn;
import gradgrid.ad.trace.Val;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Taylor mode ({@code AD.taylor}) against Hipparchus {@code DerivativeStructure} (its exact {@code
 * pow(int)}) to order 12 on the worked example, against nested forward mode ({@code AD.derivative})
 * for every rule-table function, and exactly at 0 for integer powers.
 */
class TaylorTest {
  private static final int K = 12;

  @Test
  void workedExampleToOrderTwelveMatchesHipparchus() {
    Fn f = Rational.of(5, 5);
    Fn t = AD.taylor(f, 0, K);
    assertEquals(K + 1, t.outputNames().size());
    assertEquals("d12f/dx12", t.outputNames().get(K));
    DSFactory ds = new DSFactory(1, K);
    Random r = new Random(14);
    for (int n = 0; n < 60; n++) {
      double[] a = new double[6];
      double[] b = new double[6];
      for (int i = 0; i < 6; i++) {
        a[i] = 2 * r.nextDouble() - 1;
        b[i] = 2 * r.nextDouble() - 1;
      }
      double x0 = n < 5 ? 0.0 : 4 * r.nextDouble() - 2;
      DerivativeStructure x = ds.variable(0, x0);
      DerivativeStructure p = ds.constant(0);
      DerivativeStructure q = ds.constant(0);
      for (int i = 0; i < 6; i++) {
        p = p.add(x.pow(i).multiply(a[i]));
        q = q.add(x.pow(i).multiply(b[i]));
      }
      DerivativeStructure want = p.divide(q.pow(2).add(1));
      double[][] got = t.call(new double[] {x0}, a, b);
      for (int j = 0; j <= K; j++) {
        double w = want.getPartialDerivative(j);
        // relative to the order's size: j! times the largest Taylor coefficient up to j
        double scale = 0;
        for (int i = 0; i <= j; i++) {
          scale = Math.max(scale, Math.abs(want.getPartialDerivative(i)) / factorial(i));
        }
        assertClose(w, got[j][0], 1e-10, scale * factorial(j), "f^(" + j + ") at " + x0);
      }
    }
  }

  private static double factorial(int j) {
    double f = 1;
    for (int i = 2; i <= j; i++) {
      f *= i;
    }
    return f;
  }

  @Test
  void integerPowersAreExactAtZeroToEveryOrder() {
    Fn f = Fn.trace("p", List.of(Param.scalar("x")), a -> a[0].pow(5).add(a[0].pow(2).mul(3.0)));
    double[][] got = AD.taylor(f, 0, K).call(new double[] {0.0});
    for (int j = 0; j <= K; j++) {
      // d^j/dx^j (x^5 + 3 x^2) at 0: 6 at j = 2, 120 at j = 5, else 0
      assertEquals(j == 2 ? 6.0 : j == 5 ? 120.0 : 0.0, got[j][0], "order " + j);
    }
  }

  private static Fn unary(UnaryFn f) {
    return Fn.trace(f.printed(), List.of(Param.scalar("x")), a -> a[0].apply(f));
  }

  @ParameterizedTest
  @EnumSource(UnaryFn.class)
  void everyUnaryLineAgreesWithNestedForwardMode(UnaryFn f) {
    Fn fn = unary(f);
    Fn t = AD.taylor(fn, 0, 4);
    double x = f == UnaryFn.ACOSH ? 1.7 : f == UnaryFn.FLOOR || f == UnaryFn.CEIL ? 0.35 : 0.45;
    double[][] got = t.call(new double[] {x});
    assertEquals(fn.callScalar(new double[] {x}), got[0][0], f + " value");
    for (int j = 1; j <= 4; j++) {
      double want = AD.derivative(fn, 0, j).callScalar(new double[] {x});
      assertClose(want, got[j][0], 1e-12, 1.0, f + " order " + j);
    }
  }

  @ParameterizedTest
  @EnumSource(BinaryFn.class)
  void everyBinaryLineAgreesWithNestedForwardMode(BinaryFn f) {
    // along x in both arguments: g(x) = f(x^2 + 1, 2x + 0.5)
    Fn fn =
        Fn.trace(
            f.printed(),
            List.of(Param.scalar("x")),
            a -> a[0].pow(2).add(1.0).apply(f, a[0].mul(2.0).add(0.5)));
    double[][] got = AD.taylor(fn, 0, 4).call(new double[] {0.6});
    for (int j = 1; j <= 4; j++) {
      double want = AD.derivative(fn, 0, j).callScalar(new double[] {0.6});
      assertClose(want, got[j][0], 1e-12, 1.0, f + " order " + j);
    }
  }

  @Test
  void vectorsSelectsAndMaxFollowTheirConventions() {
    // stack, broadcast, outer, transpose, matvec, dot, index, recip, sum, compare, select, max
    Fn fn =
        Fn.trace(
            "mix",
            List.of(Param.scalar("x"), Param.vector("c", 3)),
            a -> {
              Val v = Val.stack(a[0], a[0].sin(), a[0].mul(a[0]));
              Val w = v.mul(a[1]).add(a[1].broadcast(a[1].shape()).mul(a[0]));
              Val m = Val.outer(w, v).t().matvec(a[1]).dot(v).add(w.get(2).recip()).add(w.sum());
              return Val.select(a[0].gt(a[1].get(0)), m, m.neg()).add(a[0].max(a[1].get(1)));
            });
    double[] c = {0.2, 0.9, -1.3};
    for (double x : new double[] {0.7, -0.4}) {
      double[][] got = AD.taylor(fn, 0, 4).call(new double[] {x}, c);
      for (int j = 1; j <= 4; j++) {
        double want = AD.derivative(fn, 0, j).callScalar(new double[] {x}, c);
        assertClose(want, got[j][0], 1e-10, 1.0, "order " + j + " at " + x);
      }
    }
  }

  @Test
  void stopGradientAndOtherArgumentsAreConstants() {
    Fn fn =
        Fn.trace(
            "s",
            List.of(Param.scalar("x"), Param.scalar("y")),
            a -> a[0].mul(a[0].stopGradient()).add(a[1].exp()));
    double[][] got = AD.taylor(fn, 0, 3).call(new double[] {1.5}, new double[] {2});
    // x * c + e^y with c = x held constant: derivatives c, 0, 0
    assertEquals(1.5 * 1.5 + Math.exp(2), got[0][0]);
    assertEquals(1.5, got[1][0]);
    assertEquals(0.0, got[2][0]);
    assertEquals(0.0, got[3][0]);
  }

  @Test
  void oneTaylorPassIsSmallerThanNestedForwardModeFromOrderFour() {
    Fn f = Rational.of(5, 5);
    for (int k : new int[] {4, 8, 12}) {
      Fn[] nested = new Fn[k + 1];
      nested[0] = f;
      for (int j = 1; j <= k; j++) {
        nested[j] = AD.derivative(f, 0, j);
      }
      int concat = Fn.concat("f..f^(k)", nested).eqnCount();
      int taylor = AD.taylor(f, 0, k).eqnCount();
      assertTrue(taylor < concat, "k = " + k + ": taylor " + taylor + " vs nested " + concat);
    }
  }

  @Test
  void alongADirectionEqualsTheSeriesOfTheLine() {
    Fn f = Rational.of(5, 5);
    Fn along = AD.taylorAlong(f, 6, 0, 2);
    assertEquals(
        List.of("x", "alpha", "beta", "t_x", "t_beta"),
        along.params().stream().map(Param::name).toList());
    double[] x = {0.6};
    double[] alpha = {0.5, -1.2, 0.3, 0.05, -0.01, 0.0008};
    double[] beta = {0.2, 0.4, -0.3, 0.02, 0.003, -0.0004};
    double[] tb = {1, -0.5, 0.25, 0.1, -0.2, 0.3};
    double[][] got = along.call(x, alpha, beta, new double[] {0.7}, tb);
    // the same derivatives from the scalar function g(s) = f(x + 0.7 s, alpha, beta + s tb)
    Fn g =
        Fn.trace(
            "g",
            List.of(Param.scalar("s")),
            a -> {
              Val xs = a[0].mul(0.7).add(x[0]);
              Val b = new Val(a[0].builder(), new Lit(Shape.vector(6), tb)).mul(a[0]);
              Val bs = b.add(new Val(a[0].builder(), new Lit(Shape.vector(6), beta)));
              Val al = new Val(a[0].builder(), new Lit(Shape.vector(6), alpha));
              return Val.poly(al, xs).div(Val.poly(bs, xs).pow(2).add(1.0));
            });
    double[][] want = AD.taylor(g, 0, 6).call(new double[] {0.0});
    for (int j = 0; j <= 6; j++) {
      assertClose(want[j][0], got[j][0], 1e-12, Math.abs(want[j][0]) + 1, "order " + j);
    }
    assertEquals("d6f/dt6", along.outputNames().get(6));
  }

  @Test
  void refusesAVectorArgumentAndANegativeOrder() {
    Fn f = Rational.of(5, 5);
    AdException e = assertThrows(AdException.class, () -> AD.taylor(f, 1, 3));
    assertTrue(e.getMessage().contains("needs a scalar argument"), e.getMessage());
    assertThrows(AdException.class, () -> AD.taylor(f, 0, -1));
  }
}
