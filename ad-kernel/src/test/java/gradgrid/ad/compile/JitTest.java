package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Interpreter;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.ir.Var;
import gradgrid.ad.prim.IntPow;
import gradgrid.ad.prim.Loop;
import gradgrid.ad.prim.Primitive;
import gradgrid.ad.prim.Primitives;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compiled kernels against the reference interpreter: every primitive, the worked example's
 * derivatives, NaN and infinity propagation, composition with the transforms, and the ABI checks.
 */
class JitTest {
  private static final double[] SPECIAL = {
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    0.0,
    -0.0,
    1.0,
    -1.0,
    1e308,
    -1e-310,
    Double.MIN_VALUE
  };

  /** Input shapes tried in order until the primitive's shape rule accepts them. */
  private static final List<List<Shape>> CANDIDATES =
      List.of(
          List.of(Shape.vector(3)),
          List.of(Shape.vector(3), Shape.vector(3)),
          List.of(Shape.vector(3), Shape.vector(3), Shape.vector(3)),
          List.of(Shape.matrix(3, 3)),
          List.of(Shape.matrix(3, 4), Shape.vector(4)),
          List.of(Shape.vector(3), Shape.SCALAR),
          List.of(Shape.SCALAR));

  /** {@code prim} applied to fresh inputs of the first shapes it accepts. */
  private static Graph oneEquation(Primitive prim) {
    List<List<Shape>> candidates = CANDIDATES;
    if (prim instanceof Loop l) {
      List<Shape> body = l.body().inputShapes();
      candidates = List.of(body.subList(1, body.size()));
    }
    for (List<Shape> shapes : candidates) {
      try {
        prim.shape(shapes.toArray(Shape[]::new));
      } catch (AdException e) {
        continue;
      }
      GraphBuilder b = new GraphBuilder(prim.name());
      Var[] in = shapes.stream().map(b::addInput).toArray(Var[]::new);
      return b.build(List.of(b.emit(prim, in)));
    }
    throw new AssertionError("no sample shapes fit " + prim.name());
  }

  /** Random columns for {@code width} inputs; the first rows cycle through special values. */
  private static double[][] columns(int width, int rows, long seed) {
    Random r = new Random(seed);
    double[][] in = new double[width][rows];
    for (int c = 0; c < width; c++) {
      for (int i = 0; i < rows; i++) {
        in[c][i] =
            i < 3 * SPECIAL.length
                ? SPECIAL[(i + c * 7) % SPECIAL.length]
                : (r.nextDouble() * 4 - 2) * (r.nextInt(8) == 0 ? 1e3 : 1);
      }
    }
    return in;
  }

  /** Runs the kernel over a batch and checks each row against the interpreter, bit for bit. */
  static void assertSameAsInterpreter(Graph g, Kernel k, int rows, long seed) {
    double[][] in = columns(k.inputWidth(), rows, seed);
    double[][] out = new double[k.outputWidth()][rows];
    k.run(in, out, 0, rows);
    List<Shape> shapes = g.inputShapes();
    for (int r = 0; r < rows; r++) {
      double[][] args = new double[shapes.size()][];
      int c = 0;
      for (int i = 0; i < args.length; i++) {
        args[i] = new double[shapes.get(i).size()];
        for (int e = 0; e < args[i].length; e++) {
          args[i][e] = in[c++][r];
        }
      }
      double[][] expected = Interpreter.eval(g, args);
      c = 0;
      for (double[] o : expected) {
        for (double v : o) {
          // Double.equals: NaN equals NaN, 0.0 differs from -0.0
          if (!Double.valueOf(v).equals(out[c][r])) {
            fail(
                "row "
                    + r
                    + " output column "
                    + c
                    + ": interpreter "
                    + v
                    + ", kernel "
                    + out[c][r]
                    + " at "
                    + Arrays.deepToString(args)
                    + "\n"
                    + g);
          }
          c++;
        }
      }
    }
  }

  @Test
  void everyPrimitiveMatchesTheInterpreterBitForBit() {
    for (Primitive p : Primitives.ALL) {
      Graph g = oneEquation(p);
      assertSameAsInterpreter(g, Jit.compile(g), 300, p.name().hashCode());
    }
  }

  @Test
  void integerPowersUnrolledOrCalledMatchIntPowPow() {
    for (int n : new int[] {-100, -7, -2, -1, 2, 3, 5, 8, 17, 63, 64, 65, 100, 1000}) {
      Graph g = oneEquation(new IntPow(n));
      assertSameAsInterpreter(g, Jit.compile(g), 200, n);
    }
  }

  @Test
  void workedExampleDerivativesMatchTheInterpreterBitForBit() {
    Fn f = Rational.of(5, 5);
    List<Fn> fns =
        List.of(
            Fn.concat("f, f', f''", f, AD.grad(f), AD.grad(AD.grad(f))),
            AD.grad(f, 1, 2),
            AD.hessian(f, 1, 2),
            // x bound: most entries become constant * shared value, scaled in the copy loop
            AD.hessian(Jit.bind(f, "x", 1.7), 0, 1),
            AD.jacfwd(AD.grad(f, 0, 1, 2), 0));
    for (Fn fn : fns) {
      assertSameAsInterpreter(fn.graph(), Jit.compile(fn), 1000, fn.name().hashCode());
    }
  }

  @Test
  void constantAndInputOutputsAreCopiedThrough() {
    GraphBuilder b = new GraphBuilder("passthrough");
    Var x = b.addInput(Shape.vector(2));
    Graph g = b.build(List.of(x, Lit.scalar(-0.0), new Lit(Shape.vector(2), new double[] {1, 2})));
    Kernel k = Jit.compile(g);
    assertEquals(2, k.inputWidth());
    assertEquals(5, k.outputWidth());
    assertSameAsInterpreter(g, k, 50, 1);
  }

  @Test
  void gradOfJitAndJitOfGradBothUseCompiledKernels() {
    Fn f = Rational.of(5, 5);
    Fn gradOfJit = AD.grad(AD.jit(f));
    Fn jitOfGrad = AD.jit(AD.grad(f));
    Fn second = AD.grad(AD.grad(AD.jit(f)));
    assertTrue(gradOfJit.isJit() && jitOfGrad.isJit() && second.isJit());
    assertFalse(AD.grad(f).isJit());
    double[][] p = {{0.3}, {1, -2, 3, 0.5, -0.25, 0.1}, {0.2, 0.1, -0.3, 0.05, 0.01, -0.02}};
    double d1 = AD.grad(f).callScalar(p);
    assertEquals(d1, gradOfJit.callScalar(p), 0.0);
    assertEquals(d1, jitOfGrad.callScalar(p), 0.0);
    assertEquals(AD.grad(AD.grad(f)).callScalar(p), second.callScalar(p), 0.0);
    assertEquals(Jit.key(jitOfGrad.graph()), gradOfJit.kernel().key());
  }

  @Test
  void callBatchOfJittedAndPlainFunctionsAgree() {
    Fn f = AD.hessian(Rational.of(3, 2), 1, 2);
    Kernel k = f.jit().kernel();
    double[][] in = columns(k.inputWidth(), 64, 7);
    double[][] plain = new double[k.outputWidth()][64];
    double[][] jitted = new double[k.outputWidth()][64];
    f.callBatch(in, plain, 0, 64);
    f.jit().callBatch(in, jitted, 0, 64);
    assertTrue(Arrays.deepEquals(plain, jitted));
  }

  @Test
  void bindFixesAParameterAsALiteralTheKernelFolds() {
    Fn f = Rational.of(5, 5);
    double[] a = {1, -2, 3, 0.5, -0.25, 0.1};
    double[] b = {0.2, 0.1, -0.3, 0.05, 0.01, -0.02};
    Fn fx = Jit.bind(Jit.bind(f, "alpha", a), "beta", b);
    Fn all = Fn.concat("f012", fx, AD.grad(fx), AD.grad(AD.grad(fx)));
    Kernel k = Jit.compile(all);
    assertEquals(1, k.inputWidth());
    assertEquals(3, k.outputWidth());
    double[][] full =
        Fn.concat("g", f, AD.grad(f), AD.grad(AD.grad(f))).call(new double[] {0.7}, a, b);
    double[][] bound = k.call(new double[] {0.7});
    for (int j = 0; j < 3; j++) {
      // folding changes the order of some constant products, so equal to rounding, not bits
      assertEquals(full[j][0], bound[j][0], 1e-13 * Math.abs(full[j][0]));
    }
    assertThrows(AdException.class, () -> Jit.bind(f, "gamma", 1.0));
    assertThrows(AdException.class, () -> Jit.bind(f, "alpha", 1.0));
  }

  @Test
  void runWritesOnlyTheRequestedRowsAtTheRequestedOffsets() {
    Fn f = Fn.trace("sq", List.of(gradgrid.ad.Param.scalar("x")), a -> a[0].mul(a[0]));
    Kernel k = Jit.compile(f);
    double[][] in = {{1, 2, 3, 4, 5, 6}};
    double[][] out = {new double[6]};
    k.run(in, out, 2, 4);
    assertEquals(List.of(0.0, 0.0, 9.0, 16.0, 0.0, 0.0), Arrays.stream(out[0]).boxed().toList());
    double[][] shifted = {new double[3]};
    k.run(in, 3, shifted, 1, 2);
    assertEquals(List.of(0.0, 16.0, 25.0), Arrays.stream(shifted[0]).boxed().toList());
  }

  @Test
  void badColumnsAreRejectedWithTheColumnNamed() {
    Kernel k = Jit.compile(Rational.of(1, 1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                k.run(new double[][] {{1}, {1}, {1}, {1}, new double[0]}, new double[1][1], 0, 1));
    assertTrue(e.getMessage().contains("input column 4"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> k.run(new double[2][1], new double[1][1], 0, 1),
        "wrong width");
  }

  @Test
  void aCompileFailureCarriesTheNumberedSource() {
    KernelCompileException e =
        assertThrows(
            KernelCompileException.class,
            () ->
                JaninoCompiler.compile(
                    "public final class GeneratedKernel {\n  int x = ;\n}\n", null));
    assertTrue(e.getMessage().contains("    2    int x = ;"), e.getMessage());
    assertTrue(e.source().startsWith("public final class"));
  }

  @Test
  void largeGraphsSplitIntoMethodsUnderTheHugeMethodLimit() {
    // the full coefficient Hessian of the worked example with degree-30 polynomials: 62 x 62
    // entries over (alpha, beta), 3,844 output columns, 961 of them constant zeros
    Fn h = AD.hessian(Rational.of(30, 30), 1, 2);
    Kernel k = Jit.compileUncached(h.graph());
    List<Integer> sizes = new ArrayList<>(k.methodSizes().values());
    assertTrue(sizes.size() > 3, "expected several methods, got " + k.methodSizes());
    assertEquals(3844, k.outputWidth());
    for (int s : sizes) {
      assertTrue(s < Jit.HUGE_METHOD_LIMIT, "a method of " + s + " bytes: " + k.methodSizes());
    }
    assertSameAsInterpreter(h.graph(), k, 40, 30);
  }
}
