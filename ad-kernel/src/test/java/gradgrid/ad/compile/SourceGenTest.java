package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SourceGen} leaves its program as it found it: the tables it adds and the scratch slots of
 * batched steps live in the result's references only, so one program can be generated again with
 * another method budget (as {@link Jit} does when a method comes out too large) and gives the same
 * source as a fresh one. And its plan: a smaller budget cuts more segments, each method within
 * twice the budget.
 */
class SourceGenTest {
  /** tanh(W x + b), W a constant 16 x 16 (a batched step), and its gradient in x and b. */
  private static Graph layer() {
    Random r = new Random(7);
    double[] w = new double[16 * 16];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextGaussian();
    }
    Fn f =
        Fn.trace(
            "dense",
            List.of(Param.vector("x", 16), Param.vector("b", 16)),
            a ->
                new Val(a[0].builder(), new Lit(Shape.matrix(16, 16), w))
                    .matvec(a[0])
                    .add(a[1])
                    .tanh()
                    .sum());
    return AD.grad(f, 0, 1).graph();
  }

  @Test
  void generatingTwiceChangesNeitherTheProgramNorTheSource() {
    Graph g = layer();
    ScalarProgram p = Scalarizer.of(g);
    List<Object> before = new ArrayList<>(p.refs);
    assertTrue(before.stream().anyMatch(o -> o instanceof MatVecStep), "a batched step expected");
    for (int budget : new int[] {60, Jit.METHOD_BUDGET, 120}) {
      SourceGen.Result again = SourceGen.generate(p, budget);
      SourceGen.Result fresh = SourceGen.generate(Scalarizer.of(g), budget);
      assertEquals(fresh.source(), again.source(), "budget " + budget);
      assertEquals(fresh.refs().length, again.refs().length, "budget " + budget);
      assertEquals(before.size(), p.refs.size(), "the program's references are not added to");
      for (int i = 0; i < before.size(); i++) {
        assertSame(before.get(i), p.refs.get(i));
        if (before.get(i) instanceof MatVecStep) {
          assertNotSame(before.get(i), again.refs()[i], "the kernel's step is its own copy");
        }
      }
    }
    Kernel k = Jit.compileUncached(g, Jit.key(g), null, Jit.HUGE_METHOD_LIMIT, false);
    assertTrue(k.source().contains("MatVecStep"), "batched path expected");
    JitTest.assertSameAsInterpreter(g, k, 300, 5);
  }

  @Test
  void aSmallerBudgetCutsMoreSegmentsAndSmallerMethods() {
    // the worked example's 12 x 12 Hessian in (alpha, beta): 23, 6, 2 and 1 segments here
    Graph g = AD.hessian(Rational.of(5, 5), 1, 2).graph();
    ScalarProgram p = Scalarizer.of(g);
    int lastSegments = Integer.MAX_VALUE;
    int lastLargest = 0;
    for (int budget : new int[] {250, 1000, 4000, Jit.METHOD_BUDGET}) {
      SourceGen.Result src = SourceGen.generate(p, budget);
      Map<String, Integer> sizes = JaninoCompiler.compile(src.source(), null).methodSizes();
      int largest =
          sizes.entrySet().stream()
              .filter(e -> e.getKey().startsWith("s"))
              .mapToInt(Map.Entry::getValue)
              .max()
              .orElseThrow();
      String at = "budget " + budget + ": " + src.segments() + " segments, " + sizes;
      assertTrue(src.segments() <= lastSegments, at);
      assertTrue(largest >= lastLargest, at);
      // the estimate keeps each segment's bytecode within twice the budget
      assertTrue(largest <= 2 * budget, at);
      lastSegments = src.segments();
      lastLargest = largest;
    }
    assertTrue(SourceGen.generate(p, 250).segments() > 10, "the smallest budget cuts");
    assertEquals(1, lastSegments, "one method at the default budget");
  }
}
