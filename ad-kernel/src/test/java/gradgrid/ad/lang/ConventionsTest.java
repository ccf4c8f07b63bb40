package gradgrid.ad.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The derivative conventions at the awkward points, exactly as documented in the README's function
 * table, and that the document lists every function.
 */
class ConventionsTest {
  private static double d(String text, double x) {
    return AD.grad(Lang.parse("f", text, Param.scalar("x"))).callScalar(new double[] {x});
  }

  private static double d2(String text, double x) {
    return AD.grad(AD.grad(Lang.parse("f", text, Param.scalar("x")))).callScalar(new double[] {x});
  }

  @Test
  void absAtZeroHasDerivativeZero() {
    assertEquals(0.0, d("abs(x)", 0.0));
    assertEquals(1.0, d("abs(x)", 1e-300));
    assertEquals(-1.0, d("abs(x)", -1e-300));
  }

  @Test
  void maxAndMinShareTheDerivativeAtTies() {
    // d max(x, 2x) at x = 0: (1 + 2) / 2
    assertEquals(1.5, d("max(x, 2*x)", 0.0));
    assertEquals(1.5, d("min(x, 2*x)", 0.0));
    // max(x, -x) is |x|: 0 at 0, as abs
    assertEquals(0.0, d("max(x, -x)", 0.0));
    assertEquals(1.0, d("max(x, x)", 3.0));
  }

  @Test
  void sqrtAtZeroHasInfiniteDerivative() {
    assertEquals(Double.POSITIVE_INFINITY, d("sqrt(x)", 0.0));
    assertEquals(Double.POSITIVE_INFINITY, d("log(x)", 0.0));
  }

  @Test
  void integerPowersAreExactAtZeroRealPowersAreNot() {
    assertEquals(0.0, d("x^2", 0.0));
    assertEquals(2.0, d2("x^2", 0.0));
    assertEquals(1.0, d("x^1", 0.0));
    assertEquals(0.0, d("x^0", 0.0));
    assertEquals(6.0, d2("poly(c, x)", 0.0, 1, 2, 3)); // d2/dx2 (1 + 2x + 3x^2) = 6
    // x^0.5 is the real power, whose derivative at 0 is infinite as sqrt's
    assertEquals(Double.POSITIVE_INFINITY, d("x^0.5", 0.0));
  }

  private static double d2(String text, double x, double... c) {
    Fn f = Lang.parse("f", text, Param.scalar("x"), Param.vector("c", c.length));
    return AD.grad(AD.grad(f)).callScalar(new double[] {x}, c);
  }

  @Test
  void whereFollowsTheBranchTakenButAnInfiniteUntakenBranchStillPoisonsGrad() {
    assertEquals(1.0, d("where(x < 0, 0, x)", 2.0));
    assertEquals(0.0, d("where(x < 0, 0, x)", -2.0));
    // as in JAX: the untaken sqrt branch contributes 0 * inf = NaN in reverse mode ...
    assertTrue(Double.isNaN(d("where(x > 0, sqrt(x), 0)", 0.0)));
    // ... and the "double where" keeps it finite
    assertEquals(0.0, d("where(x > 0, sqrt(where(x > 0, x, 1)), 0)", 0.0));
  }

  @Test
  void theDocumentListsEveryFunction() throws IOException {
    String doc = Files.readString(Path.of("../README.md"));
    for (Builtins.Builtin b : Builtins.ALL.values()) {
      assertTrue(doc.contains("`" + b.signature() + "`"), "README.md lacks " + b.signature());
    }
  }
}
