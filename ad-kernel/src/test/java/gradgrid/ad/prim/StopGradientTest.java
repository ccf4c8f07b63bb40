package gradgrid.ad.prim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code stopGradient}: the identity in value, a constant to every transform. */
class StopGradientTest {
  /** {@code f(x) = x * stopGradient(x)}: value x^2, f' = x (not 2x), f'' = 0. */
  private static final Fn F =
      Fn.trace("f", List.of(Param.scalar("x")), a -> a[0].mul(a[0].stopGradient()));

  @Test
  void valueIsTheIdentityAndDerivativesTreatItAsAConstant() {
    for (double x : new double[] {-2.5, 0.0, 0.75, 3.0}) {
      assertEquals(x * x, F.callScalar(new double[] {x}));
      assertEquals(x, AD.grad(F).callScalar(new double[] {x})); // d/dx x c = c, c = x
      assertEquals(0.0, AD.grad(AD.grad(F)).callScalar(new double[] {x}));
      assertEquals(x, AD.jvp(F, 0).call(new double[] {x}, new double[] {1})[1][0]);
      assertEquals(x, AD.vjp(F, 0).call(new double[] {x}, new double[] {1})[0][0]);
      assertEquals(0.0, AD.hessian(F, 0).call(new double[] {x})[0][0]);
      assertEquals(x, AD.grad(AD.jit(F)).callScalar(new double[] {x}));
      assertEquals(x, AD.jit(AD.grad(F)).callScalar(new double[] {x}));
      assertEquals(0.0, AD.jit(AD.grad(AD.grad(F))).callScalar(new double[] {x}));
    }
  }

  @Test
  void aStoppedInputHasNoGradientAtAll() {
    Fn g =
        Fn.trace(
            "g",
            List.of(Param.scalar("x"), Param.vector("c", 2)),
            a -> a[1].stopGradient().dot(a[1]).add(a[0].stopGradient().sin()));
    double[] c = {3, -4};
    // d/dc (sg(c) . c) = sg(c) = c ; d/dx sin(sg(x)) = 0
    assertArrayEquals(c, AD.grad(g, 1).call(new double[] {1}, c)[0]);
    assertEquals(0.0, AD.grad(g, 0).callScalar(new double[] {1}, c));
  }
}
