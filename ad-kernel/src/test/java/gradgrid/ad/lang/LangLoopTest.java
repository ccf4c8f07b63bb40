package gradgrid.ad.lang;

import static gradgrid.ad.lang.LangFixtures.assertError;
import static gradgrid.ad.lang.LangFixtures.error;
import static gradgrid.ad.lang.LangFixtures.eval;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.examples.Odes;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.Loop;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hipparchus.analysis.polynomials.PolynomialFunction;
import org.hipparchus.analysis.polynomials.PolynomialsUtils;
import org.junit.jupiter.api.Test;

/**
 * Loops, vectors and functions in the language: {@code fori} written as text gives the same graph
 * as {@link gradgrid.ad.trace.Loops} from Java (so the same bits in every transform), recurrences
 * against closed forms and Hipparchus, and every misuse reported at its spot.
 */
class LangLoopTest {
  /** RK4 of y' = r y (1 - y), written as {@link Odes#logistic} writes it in Java. */
  static final String LOGISTIC =
      """
      let h = 1 / 1000;
      let rhs = (v) -> r * v * (-v + 1);
      fori(0, 1000, y0, (i, y) ->
        let k1 = rhs(y);
        let k2 = rhs(y + k1 * (h / 2));
        let k3 = rhs(y + k2 * (h / 2));
        let k4 = rhs(y + k3 * h);
        y + (k1 + k2 * 2 + k3 * 2 + k4) * (h / 6))
      """;

  /** x(10) y(10) of Lotka-Volterra by 1,000 RK4 steps over the state [x, y]. */
  static final String LOTKA_VOLTERRA =
      """
      let h = 10 / 1000;
      let rhs = (s) ->
        let xy = s[0] * s[1];
        [p[0] * s[0] - p[1] * xy, p[3] * xy - p[2] * s[1]];
      let step = (i, s) ->
        let k1 = rhs(s);
        let k2 = rhs(s + k1 * (h / 2));
        let k3 = rhs(s + k2 * (h / 2));
        let k4 = rhs(s + k3 * h);
        s + (k1 + k2 * 2 + k3 * 2 + k4) * (h / 6);
      let end = fori(0, 1000, s0, step);
      end[0] * end[1]
      """;

  private static final List<Param> ODE = List.of(Param.scalar("y0"), Param.scalar("r"));
  private static final List<Param> LV =
      List.of(new Param("p", Shape.vector(4)), new Param("s0", Shape.vector(2)));

  private static String key(Fn f) {
    return Jit.compileUncached(f.graph()).key();
  }

  @Test
  void theLogisticOdeAsTextIsTheGraphJavaTracesAndOneLoop() {
    Fn text = Lang.parse("logistic", LOGISTIC, ODE);
    Fn java = Odes.logistic(1000, 1.0, false);
    assertEquals(1, text.eqnCount(), text.graph().toString());
    assertTrue(text.graph().eqns().get(0).prim() instanceof Loop);
    assertEquals(key(java), key(text));
    assertEquals(key(AD.grad(java, 0, 1)), key(AD.grad(text, 0, 1)));
    double[][] g = AD.grad(text, 0, 1).call(new double[] {0.1}, new double[] {1.5});
    assertArrayEquals(
        AD.grad(java, 0, 1).call(new double[] {0.1}, new double[] {1.5})[1], g[1], 0.0);
    // y(1) = y0 e^r / (1 - y0 + y0 e^r) and dy/dr = y0 (1 - y0) e^r / (1 - y0 + y0 e^r)^2
    double e = Math.exp(1.5);
    double d = 1 - 0.1 + 0.1 * e;
    double y = text.callScalar(new double[] {0.1}, new double[] {1.5});
    assertEquals(0.1 * e / d, y, 1e-12);
    assertEquals(0.1 * 0.9 * e / (d * d), g[1][0], 1e-11);
    assertEquals(e / (d * d), g[0][0], 1e-11);
  }

  @Test
  void lotkaVolterraAsTextIsTheGraphJavaTracesInEveryMode() {
    Fn text = Lang.parse("lotkaVolterra", LOTKA_VOLTERRA, LV);
    Fn java = Odes.lotkaVolterra(1000, 10.0);
    assertEquals(key(java), key(text));
    assertEquals(key(AD.grad(java, 0)), key(AD.grad(text, 0)));
    assertEquals(key(AD.jacfwd(java, 0)), key(AD.jacfwd(text, 0)));
    assertEquals(key(AD.hessian(java, 1)), key(AD.hessian(text, 1)));
    double[] p = {1.1, 0.4, 0.4, 0.1};
    double[] s0 = {10, 5};
    double[] fwd = AD.jacfwd(text, 0).call(p, s0)[0];
    double[] rev = AD.grad(text, 0).call(p, s0)[0];
    for (int k = 0; k < 4; k++) {
      double h = 1e-6 * p[k];
      double[] up = p.clone();
      double[] down = p.clone();
      up[k] += h;
      down[k] -= h;
      double fd = (text.callScalar(up, s0) - text.callScalar(down, s0)) / (2 * h);
      double scale = Math.abs(fd) + 1;
      assertEquals(fd, rev[k], 1e-5 * scale, "d/dp" + k);
      assertEquals(rev[k], fwd[k], 1e-12 * scale, "forward vs reverse, p" + k);
    }
  }

  @Test
  void chebyshevT200ByItsRecurrenceMatchesTheClosedFormAndItsDerivative() {
    Fn t =
        Lang.parse(
            "t200",
            "fori(1, 200, [1, x], (k, t) -> [t[1], 2 * x * t[1] - t[0]])[1]",
            Param.scalar("x"));
    Fn dt = AD.grad(t).jit();
    Fn tj = t.jit();
    for (double x = -0.999; x < 1; x += 0.0137) {
      double theta = Math.acos(x);
      double value = Math.cos(200 * theta);
      double slope = 200 * Math.sin(200 * theta) / Math.sin(theta);
      assertEquals(value, tj.callScalar(new double[] {x}), 1e-10, "T_200(" + x + ")");
      assertEquals(slope, dt.callScalar(new double[] {x}), 1e-9 * (Math.abs(slope) + 1), "x=" + x);
    }
  }

  @Test
  void legendreByARecurrenceOnTheIndexMatchesHipparchus() {
    Fn p =
        Lang.parse(
            "p12",
            "fori(1, 12, [1, x], (k, p) -> [p[1], ((2 * k + 1) * x * p[1] - k * p[0]) / (k + 1)])[1]",
            Param.scalar("x"));
    PolynomialFunction ref = PolynomialsUtils.createLegendrePolynomial(12);
    PolynomialFunction dref = ref.polynomialDerivative();
    Fn dp = AD.grad(p);
    for (double x = -1; x <= 1; x += 0.05) {
      assertEquals(ref.value(x), p.callScalar(new double[] {x}), 1e-13, "P_12(" + x + ")");
      assertEquals(dref.value(x), dp.callScalar(new double[] {x}), 1e-11, "P_12'(" + x + ")");
    }
  }

  @Test
  void loopedAndUnrolledTextGiveIdenticalResults() {
    String looped = "fori(0, 4, [x, y], (i, s) -> [s[1] * sin(s[0]), s[0] + i * y])[1]";
    String unrolled =
        """
        let s1 = [y * sin(x), x + 0 * y];
        let s2 = [s1[1] * sin(s1[0]), s1[0] + 1 * y];
        let s3 = [s2[1] * sin(s2[0]), s2[0] + 2 * y];
        let s4 = [s3[1] * sin(s3[0]), s3[0] + 3 * y];
        s4[1]
        """;
    Fn a = LangFixtures.parse(looped);
    Fn b = LangFixtures.parse(unrolled);
    double[] x = {0.7};
    double[] y = {-1.3};
    for (Fn[] pair :
        new Fn[][] {{a, b}, {AD.grad(a, 0, 1), AD.grad(b, 0, 1)}, {AD.hessian(a), AD.hessian(b)}}) {
      double[][] ra = pair[0].call(x, y, LangFixtures.A, LangFixtures.B);
      double[][] rb = pair[1].call(x, y, LangFixtures.A, LangFixtures.B);
      for (int k = 0; k < ra.length; k++) {
        assertArrayEquals(rb[k], ra[k], 0.0);
      }
    }
    assertEquals(
        eval(unrolled, 0.7, -1.3),
        a.jit().callScalar(x, y, LangFixtures.A, LangFixtures.B),
        0.0,
        "compiled");
  }

  @Test
  void functionsAreInlinedWithTheirArgumentsAndSeeOnlyWhatCameBefore() {
    assertEquals(
        13.0, eval("let sq = (t) -> t * t; let f = (u, v) -> sq(u) + sq(v); f(x, y)", 2, 3));
    assertEquals(7.0, eval("let g = t -> t + y; g(x) + g(0)", 2, 2.5));
    assertEquals(6.0, eval("[x, y, 1][1] * 2", 0, 3));
    assertEquals(2.0, eval("sum([x, y])", 1.5, 0.5));
    assertEquals(5.0, eval("fori(0, 0, x, (i, s) -> s + 1)", 5, 0));
    assertEquals(8.0, eval("fori(-3, 5, 0, (i, s) -> s + 1)", 0, 0));
    assertEquals(28.0, eval("fori(0, 8, 0, (i, s) -> s + i)", 0, 0));
    // nested loops: sum over i < 3 of sum over j < 4 of (x + i j)
    assertEquals(
        12 * 2.0 + 18,
        eval("fori(0, 3, 0, (i, s) -> s + fori(0, 4, 0, (j, t) -> t + x + i * j))", 2, 0));
    // a binding of loop bounds, a function of a function
    assertEquals(
        1024.0,
        eval("let n = 5; let twice = (t) -> 2 * t; fori(0, 2 * n, 1, (i, s) -> twice(s))", 0, 0));
  }

  @Test
  void misusedLoopsAreReportedAtTheirSpot() {
    assertError(
        "fori(0, 2.5, x, (i, s) -> s)",
        1,
        9,
        "the bounds of fori must be integers in the 32-bit range, got 2.5");
    assertError(
        "fori(0, x, x, (i, s) -> s)",
        1,
        9,
        "the bounds of fori must be constant integers, not values computed from the inputs");
    assertError(
        "fori(5, 3, x, (i, s) -> s)",
        1,
        9,
        "fori counts up from its lower bound to its upper bound, got 5 > 3");
    assertError(
        "fori(0, 3, [x, y],\n  (i, s) -> s[0])",
        2,
        3,
        "the body of fori must return a carry shaped like its initial value, a vector f64[2], got a"
            + " scalar");
    assertError(
        "fori(0, 3, x, (s) -> s)",
        1,
        15,
        "the body of fori takes two parameters, the index and the carry, as in (i, s) -> ...;"
            + " this one takes 1");
    assertError(
        "fori(0, 3, x, s + 1)",
        1,
        15,
        "the last argument of fori must be a function of the index and the carry, as in (i, s) ->"
            + " s + 1, or the name of one");
    assertError(
        "fori(0, 3, x)", 1, 1, "fori(lower, upper, init, (i, s) -> next) takes 4 arguments, got 3");
    assertError(
        "fori(0, 3, x, (i, s) -> s + q)",
        1,
        29,
        "unknown name 'q'; the inputs are x:f64, y:f64, a:f64[3], b:f64[3]");
    assertError(
        "fori(0, 3, x, (i, s) -> s + fori(0, 2, s, (i, t) -> t))",
        1,
        44,
        "'i' is already defined at line 1, column 16");
    assertError(
        "fori + 1", 1, 1, "'fori' is a loop; write fori(lower, upper, init, (i, s) -> next)");
    assertError(
        "let fori = 1; x", 1, 5, "'fori' is the name of a built-in loop; choose another name");
    assertError(
        "fori(0, 3, a, (i, s) -> s)",
        1,
        1,
        "the result must be a scalar, got a vector f64[3]; reduce it with sum(...), dot(...) or an"
            + " index [i]");
  }

  @Test
  void misusedFunctionsAndVectorsAreReportedAtTheirSpot() {
    assertError("let f = (u, v) -> u + v; f(x)", 1, 26, "f(u, v) takes 2 arguments, got 1");
    assertError(
        "let f = (u) -> u; f + 1",
        1,
        19,
        "'f' is a function defined at line 1, column 5; call it as f(u)");
    assertError(
        "x + ((u) -> u)",
        1,
        6,
        "a function has no value of its own: name it with 'let f = (s) -> ...;' and call it as"
            + " f(...), or give it to fori(lower, upper, init, (i, s) -> next)");
    assertError("let f = (x) -> x; f(1)", 1, 10, "'x' is an input and cannot be redefined");
    assertError(
        "let f = (u) -> f(u); f(x)",
        1,
        16,
        "'f' is used before its definition at line 1, column 5; a function can call only"
            + " functions defined before it, not itself");
    assertError(
        "let f = (u) -> u * k; let k = 2; f(x)",
        1,
        20,
        "'k' is used before its definition at line 1, column 27");
    assertError(
        "let f = (u, u) -> u; f(x, x)", 1, 13, "'u' is already defined at line 1, column 10");
    assertError(
        "let f = () -> 1; x", 1, 9, "a function needs at least one parameter, as in (s) -> s + 1");
    assertError(
        "[a, x][0]",
        1,
        2,
        "the elements of a vector must be scalars, got a vector f64[3]; take its elements with [i]");
    assertError("[][0]", 1, 1, "a vector needs at least one element, as in [a, b]");
    assertError("[x, y", 1, 1, "'[' is never closed");
    assertError(
        "let sin = (u) -> u; x",
        1,
        5,
        "'sin' is the name of a built-in function; choose another name");
    assertError(
        "let g = (u) -> u; let f = g; x",
        1,
        27,
        "'g' is a function defined at line 1, column 5; call it as g(u)");
  }

  @Test
  void inliningThatWouldExplodeOrNestWithoutEndIsAnErrorNotAHang() throws Exception {
    StringBuilder doubling = new StringBuilder("let f0 = (u) -> u + 1;\n");
    for (int k = 1; k <= 40; k++) {
      doubling.append("let f").append(k).append(" = (u) -> f").append(k - 1).append("(f");
      doubling.append(k - 1).append("(u));\n");
    }
    LangException big = error(doubling + "f40(x)");
    assertTrue(
        big.reason().startsWith("the definition is too large once its functions"), big.reason());

    StringBuilder chain = new StringBuilder("let f0 = (u) -> u;\n");
    for (int k = 1; k <= 5000; k++) {
      chain.append("let f").append(k).append(" = (u) -> f").append(k - 1).append("(u) + 1;\n");
    }
    String deep = chain + "f5000(x)";
    // on a small stack, half a JVM thread's default: an error, never a StackOverflowError
    Throwable thrown = onSmallStack(deep);
    assertTrue(thrown instanceof LangException, String.valueOf(thrown));
    assertTrue(
        ((LangException) thrown).reason().startsWith("the definition nests too deeply"),
        thrown.getMessage());
    // and the deepest expression the parser accepts lowers there
    int n = Parser.MAX_DEPTH - 1;
    assertEquals(null, onSmallStack("sin(".repeat(n) + "x" + ")".repeat(n)));
    // 150 nested calls are fine
    assertEquals(152.0, eval(chain.substring(0, chain.indexOf("let f151 ")) + "f150(x)", 2, 0));
  }

  private static Throwable onSmallStack(String text) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Runnable parse =
        () -> {
          try {
            LangFixtures.parse(text);
          } catch (Throwable e) {
            thrown.set(e);
          }
        };
    Thread t = new Thread(null, parse, "small-stack", 512 * 1024);
    t.start();
    t.join();
    return thrown.get();
  }

  @Test
  void aMillionStepsCompileToOneLoopAndNoTextReachesTheKernel() {
    String text =
        "let System_exit = (i, s) -> s * (1 - 1e-6) + x * 1e-6; # \"); }\n"
            + "fori(0, 1000000, y, System_exit)";
    Fn f = LangFixtures.parse(text);
    Kernel k = Jit.compileUncached(AD.grad(f, 0).graph());
    assertFalse(k.source().contains("System"), "user text in the kernel");
    assertFalse(k.source().contains("\"); }"), "user text in the kernel");
    assertFalse(f.graph().toString().contains("System"));
    // s_n = c + (s_0 - c) q^n with c = x, q = 1 - 1e-6: ds/dx = 1 - q^n
    double q = 1 - 1e-6;
    double expected = 1 - Math.pow(q, 1e6);
    assertEquals(
        expected,
        k.call(new double[] {0.5}, new double[] {2}, LangFixtures.A, LangFixtures.B)[0][0],
        1e-9);
  }
}
