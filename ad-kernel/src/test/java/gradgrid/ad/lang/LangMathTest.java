package gradgrid.ad.lang;

import static gradgrid.ad.lang.LangFixtures.assertError;
import static gradgrid.ad.lang.LangFixtures.error;
import static gradgrid.ad.lang.LangFixtures.eval;
import static gradgrid.ad.lang.LangFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.prim.Erf;
import gradgrid.ad.prim.MoreMath;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The math library in the text language: each function's value against Java's {@link Math} or
 * gradgrid's own implementations, derivatives through the transforms, and the errors for well-known
 * names the language spells differently or lacks.
 */
class LangMathTest {
  private static final Map<String, DoubleUnaryOperator> UNARY =
      Map.ofEntries(
          Map.entry("atan", Math::atan),
          Map.entry("asin", Math::asin),
          Map.entry("acos", Math::acos),
          Map.entry("sinh", Math::sinh),
          Map.entry("cosh", Math::cosh),
          Map.entry("asinh", MoreMath::asinh),
          Map.entry("acosh", MoreMath::acosh),
          Map.entry("atanh", MoreMath::atanh),
          Map.entry("log1p", Math::log1p),
          Map.entry("expm1", Math::expm1),
          Map.entry("log2", MoreMath::log2),
          Map.entry("log10", Math::log10),
          Map.entry("erf", Erf::erf),
          Map.entry("erfc", Erf::erfc),
          Map.entry("sigmoid", MoreMath::sigmoid),
          Map.entry("softplus", MoreMath::softplus),
          Map.entry("cbrt", Math::cbrt),
          Map.entry("floor", Math::floor),
          Map.entry("ceil", Math::ceil),
          Map.entry("round", Math::rint),
          Map.entry("sign", Math::signum),
          Map.entry("stopGradient", x -> x));

  @Test
  void everyUnaryFunctionHasItsValue() {
    for (Map.Entry<String, DoubleUnaryOperator> e : UNARY.entrySet()) {
      for (double x : new double[] {-0.7, 0.0, 0.45, 1.5, 2.5, 30.0}) {
        double want = e.getValue().applyAsDouble(x);
        assertEquals(want, eval(e.getKey() + "(x)", x, 0), e.getKey() + "(" + x + ")");
      }
    }
  }

  @Test
  void binaryAndClip() {
    assertEquals(Math.atan2(-0.8, 0.3), eval("atan2(y, x)", 0.3, -0.8));
    assertEquals(Math.hypot(0.3, -0.8), eval("hypot(x, y)", 0.3, -0.8));
    assertEquals(0.5, eval("clip(x, 0.5, 1)", 0.3, 0));
    assertEquals(0.7, eval("clip(x, 0.5, 1)", 0.7, 0));
    assertEquals(1.0, eval("clip(x, 0.5, 1)", 1.7, 0));
    // elementwise on vectors, scalars broadcast: sum(clip(a, 0, 0.5)) = 0.3 + 0 + 0.5
    assertEquals(0.8, eval("sum(clip(a, 0, 0.5))", 0, 0), 1e-15);
  }

  private static double d(String text, double x) {
    return AD.grad(Lang.parse("f", text, Param.scalar("x"))).callScalar(new double[] {x});
  }

  @Test
  void derivativesAtTheDocumentedPoints() {
    // d atan = 1/(1 + x^2); d erf = 2/sqrt(pi) e^(-x^2)
    assertEquals(1 / (1 + 0.25), d("atan(x)", 0.5), 1e-15);
    assertEquals(2 / Math.sqrt(Math.PI) * Math.exp(-0.25), d("erf(x)", 0.5), 1e-15);
    // softplus and sigmoid stay finite where e^x overflows
    assertEquals(1.0, d("softplus(x)", 1000));
    assertEquals(0.0, d("softplus(x)", -1000));
    assertEquals(0.0, d("sigmoid(x)", 1000));
    assertEquals(0.0, d("sigmoid(x)", -1000));
    assertEquals(0.25, d("sigmoid(x)", 0));
    // piecewise constant: zero derivative, also at the jumps
    for (String f : List.of("floor", "ceil", "round", "sign")) {
      assertEquals(0.0, d(f + "(x)", 0.0), f);
      assertEquals(0.0, d(f + "(x)", 0.5), f);
    }
    // clip: 1 inside, 0 outside, 1/2 at a bound (ties share, as max)
    assertEquals(1.0, d("clip(x, -1, 1)", 0.2));
    assertEquals(0.0, d("clip(x, -1, 1)", 3));
    assertEquals(0.5, d("clip(x, -1, 1)", 1));
    assertEquals(Double.POSITIVE_INFINITY, d("cbrt(x)", 0));
  }

  @Test
  void stopGradientIsAConstantToEveryTransform() {
    Fn f = Lang.parse("f", "x * stopGradient(x)", Param.scalar("x"));
    assertEquals(2.25, f.callScalar(new double[] {1.5}));
    assertEquals(1.5, AD.grad(f).callScalar(new double[] {1.5}));
    assertEquals(0.0, AD.grad(AD.grad(f)).callScalar(new double[] {1.5}));
    assertEquals(1.5, AD.jit(AD.grad(f)).callScalar(new double[] {1.5}));
  }

  @Test
  void aKnownNameTheLanguageLacksIsNeverAnsweredWithAnotherFunction() {
    for (String name : List.of("gamma", "besselj", "lgamma", "cot", "sec", "sinc")) {
      LangException e = error(name + "(x)");
      assertFalse(e.reason().contains("did you mean"), e.reason());
      assertTrue(
          e.reason().startsWith("unknown function '" + name + "'; the language has no " + name),
          e.reason());
      assertTrue(e.reason().contains("atan2, hypot, clip"), "lists the functions: " + e.reason());
      assertFalse(error(name + " + x").reason().contains("did you mean"), name + " as a name");
    }
    assertError("arctan(x)", 1, 1, "unknown function 'arctan'; the language calls it 'atan'");
    assertError("expit(x)", 1, 1, "unknown function 'expit'; the language calls it 'sigmoid'");
    assertError("atna(x)", 1, 1, "unknown function 'atna'; did you mean 'atan'?");
    assertError("cosh(x, y)", 1, 1, "cosh(x) takes 1 argument, got 2");
  }

  @Test
  void newFunctionsAreElementwise() {
    Fn f = parse("sum(erf(a) + atan2(a, b))");
    double want = 0;
    for (int i = 0; i < 3; i++) {
      want += Erf.erf(LangFixtures.A[i]) + Math.atan2(LangFixtures.A[i], LangFixtures.B[i]);
    }
    assertEquals(
        want,
        f.callScalar(new double[] {0}, new double[] {0}, LangFixtures.A, LangFixtures.B),
        1e-15);
  }
}
