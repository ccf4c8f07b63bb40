package gradgrid.ad.prim;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code AD.customJvp} through every transform. A deliberately wrong rule makes the custom
 * derivative observable: {@code x^2} with the tangent rule of {@code x^3}, so every derivative is
 * the cube's while the value stays the square's. The stable softplus rule is checked against
 * central finite differences and, where the traced derivative overflows, against its closed form.
 */
class CustomJvpTest {
  private static final List<Param> X = List.of(Param.scalar("x"));
  private static final List<Param> X_T = List.of(Param.scalar("x"), Param.scalar("t_x"));

  /** x^2, differentiated as x^3: rule (x, t) -> 3 x^2 t. */
  private static final Fn SQUARE_AS_CUBE =
      AD.customJvp(
          Fn.trace("sq", X, a -> a[0].mul(a[0])),
          Fn.trace("cubeRule", X_T, a -> a[0].mul(a[0]).mul(3).mul(a[1])));

  private static final Fn NAIVE_SOFTPLUS = Fn.trace("softplus", X, a -> a[0].exp().log1p());

  /** log1p(exp(x)) with the stable rule sigmoid(x) t. */
  private static final Fn SOFTPLUS =
      AD.customJvp(NAIVE_SOFTPLUS, Fn.trace("softplusRule", X_T, a -> a[0].sigmoid().mul(a[1])));

  private static double at(Fn f, double x) {
    return f.callScalar(new double[] {x});
  }

  @Test
  void theValueIsTheBodysBitForBitInterpretedAndJitted() {
    Fn plain = Fn.trace("sq", X, a -> a[0].mul(a[0]));
    Fn jitted = AD.jit(SQUARE_AS_CUBE);
    assertTrue(jitted.isJit());
    double[] xs = {0.0, -0.0, 1.5, -3.25, 1e200, Double.NaN, Double.NEGATIVE_INFINITY, 1e-310};
    for (double x : xs) {
      long want = Double.doubleToRawLongBits(at(plain, x));
      assertEquals(want, Double.doubleToRawLongBits(at(SQUARE_AS_CUBE, x)), "interpreted " + x);
      assertEquals(want, Double.doubleToRawLongBits(at(jitted, x)), "jitted " + x);
    }
    for (double x : new double[] {-30, -1, 0, 0.3, 7, 800}) {
      assertEquals(
          Double.doubleToRawLongBits(at(NAIVE_SOFTPLUS, x)),
          Double.doubleToRawLongBits(at(AD.jit(SOFTPLUS), x)),
          "softplus " + x);
    }
  }

  @Test
  void jvpReturnsTheRulesTangent() {
    double[][] r = AD.jvp(SQUARE_AS_CUBE).call(new double[] {2}, new double[] {0.5});
    assertEquals(4.0, r[0][0]); // 2^2
    assertEquals(6.0, r[1][0]); // 3 * 2^2 * 0.5, not 2 * 2 * 0.5
  }

  @Test
  void everyFirstOrderTransformUsesTheRule() {
    double x = 1.25;
    double want = 3 * x * x; // d/dx x^3
    assertEquals(want, at(AD.grad(SQUARE_AS_CUBE), x));
    assertEquals(want, at(AD.jacfwd(SQUARE_AS_CUBE), x));
    assertEquals(want, at(AD.jacrev(SQUARE_AS_CUBE), x));
    assertEquals(want, AD.vjp(SQUARE_AS_CUBE).call(new double[] {x}, new double[] {1})[0][0]);
    assertEquals(want, at(AD.jit(AD.grad(SQUARE_AS_CUBE)), x));
    assertEquals(want, at(AD.grad(AD.jit(SQUARE_AS_CUBE)), x));
  }

  @Test
  void higherOrdersDifferentiateTheRule() {
    double x = 1.25;
    assertEquals(6 * x, at(AD.hessian(SQUARE_AS_CUBE), x)); // d2/dx2 x^3
    assertEquals(6 * x, at(AD.grad(AD.grad(SQUARE_AS_CUBE)), x));
    assertEquals(6.0, at(AD.derivative(SQUARE_AS_CUBE, 0, 3), x)); // d3/dx3 x^3
    assertEquals(0.0, at(AD.derivative(SQUARE_AS_CUBE, 0, 4), x));
    assertEquals(6 * x, at(AD.jit(AD.hessian(SQUARE_AS_CUBE)), x));
  }

  @Test
  void taylorModeFollowsTheRuleToEveryOrder() {
    double x = 1.25;
    double[][] r = AD.taylor(SQUARE_AS_CUBE, 0, 5).call(new double[] {x});
    // f = x^2, then the derivatives of x^3: 3x^2, 6x, 6, 0, 0
    double[] want = {x * x, 3 * x * x, 6 * x, 6, 0, 0};
    for (int k = 0; k < want.length; k++) {
      assertClose(want[k], r[k][0], 1e-15, "order " + k);
    }
    double[][] j = AD.jit(AD.taylor(SQUARE_AS_CUBE, 0, 5)).call(new double[] {x});
    for (int k = 0; k < want.length; k++) {
      assertEquals(r[k][0], j[k][0], "jitted order " + k);
    }
  }

  @Test
  void softplusMatchesFiniteDifferencesAndItsClosedForm() {
    Fn d1 = AD.grad(SOFTPLUS);
    Fn d2 = AD.hessian(SOFTPLUS);
    double h = 1e-5;
    for (double x : new double[] {-6, -1.5, -0.2, 0, 0.7, 3, 12}) {
      double fd = (at(SOFTPLUS, x + h) - at(SOFTPLUS, x - h)) / (2 * h);
      assertClose(fd, at(d1, x), 1e-8, "f' at " + x);
      double fd2 = (at(d1, x + h) - at(d1, x - h)) / (2 * h);
      assertClose(fd2, at(d2, x), 1e-8, "f'' vs differences of f' at " + x);
      double s = 1 / (1 + Math.exp(-x));
      assertClose(s, at(d1, x), 1e-15, "f' = sigmoid at " + x);
      assertClose(s * (1 - s), at(d2, x), 1e-14, "f'' = s(1-s) at " + x);
    }
    // at 800 exp overflows: the traced derivative exp(x) / (1 + exp(x)) is inf / inf
    assertTrue(Double.isNaN(at(AD.grad(NAIVE_SOFTPLUS), 800)));
    assertEquals(1.0, at(d1, 800)); // 1 / (1 + e^-800)
    assertEquals(1.0, at(AD.jit(d1), 800));
    assertEquals(0.0, at(d2, 800)); // s(1-s) with 1-s = e^-800, below the smallest double
    assertEquals(0.0, at(d1, -800)); // e^-800 / (1 + e^-800)
  }

  @Test
  void softplusTaylorCoefficientsAreTheSigmoidsDerivatives() {
    double x = 0.7;
    double s = 1 / (1 + Math.exp(-x));
    double[][] r = AD.taylor(SOFTPLUS, 0, 3).call(new double[] {x});
    assertClose(Math.log1p(Math.exp(x)), r[0][0], 1e-15, "f");
    assertClose(s, r[1][0], 1e-15, "f' = s");
    assertClose(s * (1 - s), r[2][0], 1e-14, "f'' = s(1-s)");
    assertClose(s * (1 - s) * (1 - 2 * s), r[3][0], 1e-13, "f''' = s(1-s)(1-2s)");
  }

  @Test
  void aCustomFunctionInsideAVectorTraceHasAHessianMatchingDifferencesOfItsGradient() {
    Shape v3 = Shape.vector(3);
    Fn sp =
        AD.customJvp(
            Fn.trace("sp", List.of(new Param("v", v3)), a -> a[0].exp().log1p()),
            Fn.trace(
                "spRule",
                List.of(new Param("v", v3), new Param("t_v", v3)),
                a -> a[0].sigmoid().mul(a[1])));
    // g(v) = sum(v * sp(v))
    Fn g = Fn.trace("g", List.of(new Param("v", v3)), a -> a[0].mul(sp.apply(a[0])[0]).sum());
    Fn grad = AD.grad(g);
    double[] v = {-0.4, 0.9, 2.1};
    double[] hess = AD.hessian(g).call(v)[0];
    double h = 1e-5;
    for (int j = 0; j < 3; j++) {
      double[] up = v.clone();
      double[] down = v.clone();
      up[j] += h;
      down[j] -= h;
      double[] gu = grad.call(up)[0];
      double[] gd = grad.call(down)[0];
      for (int i = 0; i < 3; i++) {
        assertClose((gu[i] - gd[i]) / (2 * h), hess[i * 3 + j], 1e-8, "H[" + i + "," + j + "]");
      }
    }
    double[] jr = AD.jacrev(grad).call(v)[0];
    for (int k = 0; k < 9; k++) {
      assertClose(hess[k], jr[k], 1e-14, "reverse-over-reverse entry " + k);
    }
  }

  @Test
  void severalOutputsEachGetTheirRulesTangent() {
    Fn f =
        AD.customJvp(
            Fn.traceMany(
                "pair", X, List.of("sq", "s"), a -> new Val[] {a[0].mul(a[0]), a[0].sin()}),
            Fn.traceMany(
                "pairRule",
                X_T,
                List.of("t_sq", "t_s"),
                a -> new Val[] {a[0].mul(a[0]).mul(3).mul(a[1]), a[0].cos().mul(a[1])}));
    double x = 0.8;
    double[][] fwd = AD.jacfwd(f).call(new double[] {x});
    double[][] rev = AD.jacrev(f).call(new double[] {x});
    assertEquals(3 * x * x, fwd[0][0]);
    assertEquals(Math.cos(x), fwd[1][0]);
    assertEquals(fwd[0][0], rev[0][0]);
    assertEquals(fwd[1][0], rev[1][0]);
  }

  @Test
  void aRuleMayItselfUseACustomFunctionAndHigherOrdersUseItsRule() {
    // sigmoid traced naively: its traced derivative e^-x / (1 + e^-x)^2 is inf / inf at -800
    Fn naiveSigmoid = Fn.trace("sigmoid", X, a -> a[0].neg().exp().add(1.0).recip());
    Fn sigmoid =
        AD.customJvp(
            naiveSigmoid,
            Fn.trace(
                "sigmoidRule",
                X_T,
                a -> a[0].sigmoid().mul(a[0].sigmoid().neg().add(1.0)).mul(a[1])));
    Fn naiveRule = Fn.trace("r", X_T, a -> naiveSigmoid.apply(a[0])[0].mul(a[1]));
    Fn customRule = Fn.trace("r", X_T, a -> sigmoid.apply(a[0])[0].mul(a[1]));
    Fn outer = AD.customJvp(NAIVE_SOFTPLUS, naiveRule);
    Fn nested = AD.customJvp(NAIVE_SOFTPLUS, customRule);
    assertTrue(Double.isNaN(at(AD.hessian(outer), -800)));
    assertEquals(0.0, at(AD.hessian(nested), -800)); // s(1-s) with s = e^-800 rounded to 0
    double x = 0.3;
    double s = 1 / (1 + Math.exp(-x));
    assertClose(s * (1 - s), at(AD.hessian(nested), x), 1e-15, "second derivative s(1-s)");
    double third = s * (1 - s) * (1 - 2 * s);
    assertClose(third, at(AD.derivative(nested, 0, 3), x), 1e-14, "third derivative");
    double[][] t = AD.taylor(nested, 0, 3).call(new double[] {x});
    assertClose(third, t[3][0], 1e-14, "Taylor third derivative");
  }

  @Test
  void kernelsOfCustomFunctionsWithEqualNamesAndDifferentBodiesAreNotConfused() {
    Fn rule = Fn.trace("r", X_T, a -> a[1]);
    Fn square = AD.jit(AD.customJvp(Fn.trace("f", X, a -> a[0].mul(a[0])), rule));
    Fn cube = AD.jit(AD.customJvp(Fn.trace("f", X, a -> a[0].mul(a[0]).mul(a[0])), rule));
    assertEquals(9.0, at(square, 3));
    assertEquals(27.0, at(cube, 3));
  }

  @Test
  void fixingAParameterOfACustomFunctionKeepsTheRuleForTheOthers() {
    List<Param> xy = List.of(Param.scalar("x"), Param.scalar("y"));
    List<Param> xyt =
        List.of(Param.scalar("x"), Param.scalar("y"), Param.scalar("t_x"), Param.scalar("t_y"));
    // x y, differentiated as if it were 2 x y: rule 2 (y t_x + x t_y)
    Fn f =
        AD.customJvp(
            Fn.trace("xy", xy, a -> a[0].mul(a[1])),
            Fn.trace("r", xyt, a -> a[1].mul(a[2]).add(a[0].mul(a[3])).mul(2)));
    Fn g = AD.fix(f, "y", 5);
    assertEquals(15.0, at(g, 3));
    assertEquals(10.0, at(AD.grad(g), 3)); // 2 y
    assertEquals(6.0, AD.grad(f, 1).call(new double[] {3}, new double[] {5})[0][0]); // 2 x
  }

  @Test
  void aCustomFunctionSurvivesSerialisation() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(SOFTPLUS);
    }
    Fn back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (Fn) in.readObject();
    }
    assertEquals(1.0, at(AD.grad(back), 800));
  }

  @Test
  void aRuleOfTheWrongArityOrShapesIsRefused() {
    Fn sq = Fn.trace("sq", X, a -> a[0].mul(a[0]));
    AdException arity =
        assertThrows(AdException.class, () -> AD.customJvp(sq, Fn.trace("r", X, a -> a[0].mul(3))));
    assertEquals(
        "customJvp of 'sq' with rule 'r': the rule must take the primals and then one tangent of"
            + " each, of the same shapes (x:f64, t_x:f64), but it takes (x:f64)",
        arity.getMessage());
    Fn vectorTangent =
        Fn.trace("r", List.of(Param.scalar("x"), Param.vector("t", 2)), a -> a[0].mul(3));
    AdException shape = assertThrows(AdException.class, () -> AD.customJvp(sq, vectorTangent));
    assertTrue(shape.getMessage().contains("but it takes (x:f64, t:f64[2])"), shape.getMessage());
    Fn vectorOut = Fn.trace("r", X_T, a -> Val.stack(a[1], a[1]));
    AdException out = assertThrows(AdException.class, () -> AD.customJvp(sq, vectorOut));
    assertTrue(
        out.getMessage().contains("one tangent per output of the same shape"), out.getMessage());
    Fn none =
        new Fn("c", List.of(), List.of("c"), new GraphBuilder("c").build(List.of(Lit.scalar(1))));
    AdException noArgs = assertThrows(AdException.class, () -> AD.customJvp(none, sq));
    assertTrue(noArgs.getMessage().contains("takes no arguments"), noArgs.getMessage());
  }

  @Test
  void aRuleNotLinearInItsTangentsWorksForwardButIsRefusedInReverseMode() {
    Fn f =
        AD.customJvp(
            Fn.trace("sq", X, a -> a[0].mul(a[0])),
            Fn.trace("squaredTangent", X_T, a -> a[1].mul(a[1])));
    // forward mode takes the rule as given: t^2
    assertEquals(9.0, AD.jvp(f).call(new double[] {1}, new double[] {3})[1][0]);
    AdException e = assertThrows(AdException.class, () -> AD.grad(f));
    assertTrue(
        e.getMessage()
            .startsWith(
                "reverse mode of 'grad(sq, argnums=[0])' needs the tangent rule of customJvp"
                    + " function 'sq' to be linear in its tangents, but it is not (mul of two"
                    + " tangents is not linear)"),
        e.getMessage());
    assertThrows(AdException.class, () -> AD.jacrev(f));
    assertThrows(AdException.class, () -> AD.hessian(f));
  }

  @Test
  void taylorModeBeyondWhatTheRuleSupportsIsRefusedNamingTheFunction() {
    // rule 2x t, with 2x computed as sum(eigvalsh(diag(x, x))): eigvalsh has no Taylor rule
    Fn f =
        AD.customJvp(
            Fn.trace("sq", X, a -> a[0].mul(a[0])),
            Fn.trace(
                "eigRule",
                X_T,
                a -> {
                  Val z = a[0].constant(0.0);
                  Val m = Val.stack(Val.stack(a[0], z), Val.stack(z, a[0]));
                  return m.eigvalsh().sum().mul(a[1]);
                }));
    double[][] r = AD.taylor(f, 0, 1).call(new double[] {1.5});
    assertEquals(2.25, r[0][0]);
    assertEquals(3.0, r[1][0]); // 2x
    AdException e = assertThrows(AdException.class, () -> AD.taylor(f, 0, 2));
    assertTrue(
        e.getMessage().startsWith("custom_jvp[sq]: Taylor mode to order 2 goes through the rule"),
        e.getMessage());
  }
}
