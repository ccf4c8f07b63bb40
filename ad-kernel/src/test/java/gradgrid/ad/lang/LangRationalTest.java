package gradgrid.ad.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.examples.Rational;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The worked example written as text gives the same graph size and bit-identical results as {@link
 * Rational#of(int, int)} built in Java, for f and for its derivatives.
 */
class LangRationalTest {
  private static final List<Param> PARAMS =
      List.of(Param.scalar("x"), Param.vector("alpha", 6), Param.vector("beta", 6));
  private static final Fn JAVA = Rational.of(5, 5);

  private static void assertSame(Fn text, UnaryOperator<Fn> transform) {
    Fn a = transform.apply(JAVA);
    Fn b = transform.apply(text);
    assertEquals(a.eqnCount(), b.eqnCount(), "equations");
    Random r = new Random(5);
    for (int n = 0; n < 1000; n++) {
      double[] alpha = new double[6];
      double[] beta = new double[6];
      for (int i = 0; i < 6; i++) {
        alpha[i] = 2 * r.nextDouble() - 1;
        beta[i] = 2 * r.nextDouble() - 1;
      }
      double x = n < 10 ? 0.0 : 20 * r.nextDouble() - 10;
      double[][] expected = a.call(new double[] {x}, alpha, beta);
      double[][] actual = b.call(new double[] {x}, alpha, beta);
      for (int o = 0; o < expected.length; o++) {
        for (int i = 0; i < expected[o].length; i++) {
          assertEquals(
              Double.doubleToRawLongBits(expected[o][i]),
              Double.doubleToRawLongBits(actual[o][i]),
              "output " + o + "[" + i + "] at x=" + x);
        }
      }
    }
  }

  private static void assertSameAsJava(String text) {
    Fn f = Lang.parse("f", text, PARAMS);
    assertSame(f, g -> g);
    assertSame(f, AD::grad);
    assertSame(f, g -> AD.grad(AD.grad(g)));
    assertSame(f, g -> AD.grad(g, 1, 2));
    assertSame(f, g -> AD.hessian(g, 1, 2));
  }

  @Test
  void oneLineForm() {
    assertSameAsJava("poly(alpha, x) / (1 + poly(beta, x)^2)");
  }

  @Test
  void letForm() {
    assertSameAsJava("let p = poly(alpha, x);\nlet q = poly(beta, x);\np / (1 + q^2)\n");
  }
}
