package gradgrid.ad.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Lit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code AD.fix} against the unfixed function evaluated by the interpreter at random points, and
 * the folding it does. Every rewrite of the graph builder is exact, so the values agree bit for
 * bit.
 */
class FixTest {
  private static final Fn F = Rational.of(5, 5);
  private static final Fn ALL = Fn.concat("f, f', grads", F, AD.grad(F), AD.grad(F, 1, 2));

  @Test
  void fixingWholeParametersEqualsTheUnfixedFunctionAtRandomPoints() {
    Random rnd = new Random(11);
    double[] a = random(rnd, 6);
    double[] b = random(rnd, 6);
    Fn fx = AD.fix(AD.fix(ALL, "alpha", a), "beta", b);
    assertEquals(List.of(Param.scalar("x")), fx.params());
    assertEquals(ALL.outputNames(), fx.outputNames());
    for (int i = 0; i < 200; i++) {
      double x = 4 * rnd.nextGaussian();
      assertBitsEqual(ALL.call(new double[] {x}, a, b), fx.call(new double[] {x}), "x = " + x);
    }
  }

  @Test
  void freeElementsBecomeScalarParametersInTheVectorsPlace() {
    Random rnd = new Random(12);
    double[] a = random(rnd, 6);
    double[] b = random(rnd, 6);
    // the entries at free elements are not read
    double[] withJunk = b.clone();
    withJunk[1] = Double.NaN;
    withJunk[4] = Double.NaN;
    Fn g = AD.fix(ALL, "beta", withJunk, Map.of(4, "b4", 1, "b1"));
    assertEquals(
        List.of(
            Param.scalar("x"), Param.vector("alpha", 6), Param.scalar("b1"), Param.scalar("b4")),
        g.params());
    for (int i = 0; i < 200; i++) {
      double x = 2 * rnd.nextGaussian();
      double b1 = rnd.nextGaussian();
      double b4 = rnd.nextGaussian();
      double[] full = b.clone();
      full[1] = b1;
      full[4] = b4;
      assertBitsEqual(
          ALL.call(new double[] {x}, a, full),
          g.call(new double[] {x}, a, new double[] {b1}, new double[] {b4}),
          "x = " + x + ", b1 = " + b1 + ", b4 = " + b4);
    }
    // a scalar's one element left free: the same function under a new parameter name
    Fn renamed = AD.fix(F, "x", new double[] {0}, Map.of(0, "t"));
    assertEquals("t", renamed.params().get(0).name());
    assertEquals(F.eqnCount(), renamed.eqnCount());
  }

  @Test
  void derivativesOfTheFixedFunctionAreThoseOfTheUnfixedOne() {
    Random rnd = new Random(13);
    double[] a = random(rnd, 6);
    double[] b = random(rnd, 6);
    Fn g = AD.fix(AD.fix(F, "x", 0.8), "alpha", a);
    // hessian w.r.t. beta of the fixed function = the (beta, beta) block of the unfixed one
    Fn h = AD.hessian(g, 0);
    Fn reference = AD.hessian(F, 2);
    assertBitsEqual(reference.call(new double[] {0.8}, a, b), h.call(b), "hessian(beta)");
  }

  @Test
  void whatDependsOnFixedValuesAloneIsFolded() {
    // f(x, a) = x * (a * a + 1): with a = 3 one multiplication by the literal 10 is left
    Fn f =
        Fn.trace(
            "f",
            List.of(Param.scalar("x"), Param.scalar("a")),
            v -> v[0].mul(v[1].mul(v[1]).add(v[1].constant(1))));
    Fn fx = AD.fix(f, "a", 3);
    assertEquals(1, fx.eqnCount(), fx.toString());
    assertTrue(fx.graph().eqns().get(0).inputs().contains(Lit.scalar(10)), fx.toString());
    // already simplified: a further clean-up pass finds nothing to do
    assertEquals(Jit.key(fx.graph()), Jit.key(AD.simplify(fx).graph()));
    Fn coefficients = AD.fix(AD.fix(F, "alpha", 1, 2, 3, 4, 5, 6), "beta", 6, 5, 4, 3, 2, 1);
    assertTrue(coefficients.eqnCount() < F.eqnCount(), coefficients.toString());
  }

  @Test
  void fixingEveryParameterLeavesAFunctionOfNothingThatStillRunsInBatches() {
    double[] a = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
    double[] b = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
    Fn none = AD.fix(AD.fix(AD.fix(ALL, "x", 1.5), "alpha", a), "beta", b);
    assertEquals(List.of(), none.params());
    assertEquals(0, none.eqnCount(), none.toString());
    double[][] expected = ALL.call(new double[] {1.5}, a, b);
    assertBitsEqual(expected, none.call(), "interpreter");
    Kernel k = Jit.compile(none);
    assertEquals(0, k.inputWidth());
    double[][] out = new double[k.outputWidth()][5];
    k.run(new double[0][], out, 0, 5);
    int c = 0;
    for (double[] e : expected) {
      for (double v : e) {
        for (int r = 0; r < 5; r++) {
          assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(out[c][r]));
        }
        c++;
      }
    }
  }

  @Test
  void aJittedFunctionStaysJittedAndBindIsTheSameTransform() {
    Fn fx = AD.fix(AD.jit(F), "alpha", 1, 2, 3, 4, 5, 6);
    assertTrue(fx.isJit());
    assertEquals(Jit.key(fx.graph()), Jit.key(Jit.bind(F, "alpha", 1, 2, 3, 4, 5, 6).graph()));
  }

  @Test
  void badArgumentsAreRefusedWithTheReason() {
    double[] six = new double[6];
    assertThrows(AdException.class, () -> AD.fix(F, "gamma", 1.0));
    String m = assertThrows(AdException.class, () -> AD.fix(F, "alpha", 1.0)).getMessage();
    assertTrue(m.contains("needs 6 values"), m);
    m =
        assertThrows(AdException.class, () -> AD.fix(F, "alpha", six, Map.of(6, "a6")))
            .getMessage();
    assertTrue(m.contains("element 6 is outside 0..5"), m);
    m = assertThrows(AdException.class, () -> AD.fix(F, "alpha", six, Map.of(0, "x"))).getMessage();
    assertTrue(m.contains("cannot be named 'x'"), m);
    m =
        assertThrows(AdException.class, () -> AD.fix(F, "alpha", six, Map.of(0, "a", 1, "a")))
            .getMessage();
    assertTrue(m.contains("cannot be named 'a'"), m);
  }

  @Test
  void severalParametersAndSingleElementsAtOnce() {
    Random rnd = new Random(14);
    double[] a = random(rnd, 6);
    double[] b = random(rnd, 6);
    Fn both = AD.fix(ALL, Map.of("beta", b, "alpha", a));
    assertEquals(
        Jit.key(AD.fix(AD.fix(ALL, "alpha", a), "beta", b).graph()), Jit.key(both.graph()));
    assertEquals(
        Jit.key(both.graph()), Jit.key(Jit.bind(ALL, Map.of("alpha", a, "beta", b)).graph()));
    // beta fixed at elements 0, 2..5: the free element becomes beta_1, in beta's place
    Map<String, double[]> some = new HashMap<>();
    some.put("alpha", a);
    for (int i : new int[] {0, 2, 3, 4, 5}) {
      some.put("beta[" + i + "]", new double[] {b[i]});
    }
    Fn g = AD.fix(ALL, some);
    assertEquals(List.of(Param.scalar("x"), Param.scalar("beta_1")), g.params());
    for (int i = 0; i < 100; i++) {
      double x = 3 * rnd.nextGaussian();
      double b1 = rnd.nextGaussian();
      double[] full = b.clone();
      full[1] = b1;
      assertBitsEqual(
          ALL.call(new double[] {x}, a, full),
          g.call(new double[] {x}, new double[] {b1}),
          "x = " + x + ", beta_1 = " + b1);
    }
    // every element fixed one by one is the whole vector fixed
    Map<String, double[]> each = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      each.put("alpha[" + i + "]", new double[] {a[i]});
    }
    assertEquals(Jit.key(AD.fix(ALL, "alpha", a).graph()), Jit.key(AD.fix(ALL, each).graph()));
  }

  @Test
  void severalAtOnceRefusesWithTheReason() {
    double[] six = new double[6];
    String m =
        assertThrows(
                AdException.class,
                () -> AD.fix(F, Map.of("alpha", six, "alpha[2]", new double[] {1})))
            .getMessage();
    assertTrue(m.contains("fixed both whole and by element"), m);
    m =
        assertThrows(AdException.class, () -> AD.fix(F, Map.of("beta[6]", new double[] {1})))
            .getMessage();
    assertTrue(m.contains("element 6 is outside 0..5"), m);
    m =
        assertThrows(
                AdException.class, () -> AD.fix(F, Map.of("beta[99999999999]", new double[] {1})))
            .getMessage();
    assertTrue(m.contains("is outside 0..5"), m);
    m =
        assertThrows(AdException.class, () -> AD.fix(F, Map.of("beta[1]", new double[] {1, 2})))
            .getMessage();
    assertTrue(m.contains("one element takes 1 value, got 2"), m);
    m =
        assertThrows(AdException.class, () -> AD.fix(F, Map.of("beta(1)", new double[] {1})))
            .getMessage();
    assertTrue(m.contains("write a parameter name or name[i]"), m);
    m =
        assertThrows(AdException.class, () -> AD.fix(F, Map.of("gamma[0]", new double[] {1})))
            .getMessage();
    assertTrue(m.contains("gamma"), m);
    Map<String, double[]> none = new HashMap<>();
    none.put("alpha", null);
    m = assertThrows(AdException.class, () -> AD.fix(F, none)).getMessage();
    assertTrue(m.contains("fix 'alpha' of 'f': no value (null)"), m);
  }

  private static double[] random(Random rnd, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextGaussian();
    }
    return v;
  }

  private static void assertBitsEqual(double[][] expected, double[][] actual, String where) {
    assertEquals(expected.length, actual.length, where);
    for (int k = 0; k < expected.length; k++) {
      assertArrayEquals(
          bits(expected[k]),
          bits(actual[k]),
          where + ", output " + k + ": " + Arrays.toString(actual[k]));
    }
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }
}
