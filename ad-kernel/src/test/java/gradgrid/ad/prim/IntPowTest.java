package gradgrid.ad.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.lang.Lang;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The integer power's exact rule at 0, to every order, where JAX's float_power gives NaN. */
class IntPowTest {
  private static Fn power(int n) {
    return Fn.trace("p" + n, List.of(Param.scalar("x")), a -> a[0].pow(n));
  }

  @Test
  void derivativesAtZeroAreExactToEveryOrder() {
    for (int n = 0; n <= 6; n++) {
      Fn d = power(n);
      double fact = 1;
      for (int k = 0; k <= 7; k++) {
        // d^k/dx^k x^n at 0 is n! when k == n, else 0
        double expected = k == n ? fact : 0.0;
        assertEquals(
            expected, d.callScalar(new double[] {0.0}), 0.0, "d^" + k + " x^" + n + " at 0");
        d = AD.grad(d);
        if (k < n) {
          fact *= k + 1;
        }
      }
    }
  }

  @Test
  void powerBySquaringMatchesRepeatedMultiplication() {
    double x = 1.0000001;
    double r = 1;
    for (int n = 0; n <= 40; n++) {
      assertEquals(r, IntPow.pow(x, n), Math.abs(r) * 1e-15, "x^" + n);
      r *= x;
    }
    assertEquals(0.25, IntPow.pow(2.0, -2), 0.0);
    assertEquals(1.0, IntPow.pow(Double.NaN, 0), 0.0);
  }

  @Test
  void zeroAndFirstPowersSimplifyAway() {
    Fn f = Fn.trace("f", List.of(Param.scalar("x")), a -> a[0].pow(1).mul(a[0].pow(0)));
    assertEquals(0, f.eqnCount(), f.toString());
  }

  /** Points where x^n stays finite for |n| near 2^31: (1 + 1e-10)^(2^31) is about e^0.21. */
  private static final double[] NEAR_ONE = {1 + 1e-10, -(1 + 1e-10), 1 - 3e-10};

  /** Repeated squaring 31 times grows the relative error to about 2^31 ulp. */
  private static final double EXTREME_REL_TOL = 1e-6;

  @Test
  void extremeExponentsHaveExactFirstAndSecondDerivatives() {
    for (int n : new int[] {Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      Fn f = power(n);
      assertDerivatives(n, f, AD.grad(f), AD.grad(AD.grad(f)));
      Fn jitted = AD.jit(f);
      assertDerivatives(n, jitted, AD.grad(jitted), AD.jit(AD.grad(AD.grad(f))));
    }
  }

  @Test
  void languageLowersExtremeIntegerExponentsToTheExactPower() {
    for (int n : new int[] {Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      Fn f = Lang.parse("f", "x^" + n, Param.scalar("x"));
      assertTrue(f.toString().contains("ipow[" + n + "]"), f.toString());
      assertDerivatives(n, f, AD.grad(f), AD.grad(AD.grad(f)));
    }
  }

  private static void assertDerivatives(int n, Fn f, Fn df, Fn d2f) {
    for (double x : NEAR_ONE) {
      double[] at = {x};
      // x^n, n x^(n-1) and n (n-1) x^(n-2), exponents and factors in long, powers by Math.pow
      double value = Math.pow(x, n);
      double first = n * Math.pow(x, n - 1L);
      double second = (double) (n * (n - 1L)) * Math.pow(x, n - 2L);
      String where = "x^" + n + " at " + x;
      assertRelative(value, f.callScalar(at), where);
      assertRelative(first, df.callScalar(at), "d/dx " + where);
      assertRelative(second, d2f.callScalar(at), "d2/dx2 " + where);
    }
  }

  private static void assertRelative(double expected, double actual, String what) {
    assertTrue(Double.isFinite(expected) && expected != 0, what + ": bad oracle " + expected);
    assertEquals(expected, actual, Math.abs(expected) * EXTREME_REL_TOL, what);
  }
}
