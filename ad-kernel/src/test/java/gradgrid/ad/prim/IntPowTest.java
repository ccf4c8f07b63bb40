package gradgrid.ad.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
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
}
