package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.DynIndex;
import gradgrid.ad.trace.Loops;
import gradgrid.ad.trace.Val;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernels of loops against the interpreter, bit for bit over batches with special values: fori and
 * scan loops, stacked outputs read by index, by sum and by a traced row, nested loops, and the
 * forward and reverse derivatives of an RK4 logistic ODE and of a Lotka-Volterra model. Also: the
 * generated source does not grow with the trip count, a million-step loop runs, SIMD falls back to
 * the scalar kernel and the persistent cache stores and reloads loop kernels.
 */
class LoopKernelTest {
  private static final double H = 0.01;

  @TempDir Path tmp;

  /** {@code r y (1 - y)}. */
  private static Val logistic(Val r, Val y) {
    return r.mul(y).mul(y.constant(1.0).sub(y));
  }

  /** One classical Runge-Kutta step of {@code y' = r y (1 - y)}. */
  private static Val rk4(Val r, Val y) {
    Val k1 = logistic(r, y);
    Val k2 = logistic(r, y.add(k1.mul(H / 2)));
    Val k3 = logistic(r, y.add(k2.mul(H / 2)));
    Val k4 = logistic(r, y.add(k3.mul(H)));
    return y.add(k1.add(k2.mul(2.0)).add(k3.mul(2.0)).add(k4).mul(H / 6));
  }

  /** {@code y(steps * H)} of the logistic ODE from {@code y0}, by RK4. */
  static Fn logisticOde(int steps) {
    return Fn.trace(
        "logistic",
        List.of(new Param("r", Shape.SCALAR), new Param("y0", Shape.SCALAR)),
        a -> Loops.fori(0, steps, a[1], (i, y) -> rk4(a[0], y)));
  }

  /** The same RK4 loop written in Java: the same operations in the same order. */
  private static double logisticByHand(double r, double y0, int steps) {
    double y = y0;
    for (int k = 0; k < steps; k++) {
      double k1 = r * y * (1.0 - y);
      double y2 = y + k1 * (H / 2);
      double k2 = r * y2 * (1.0 - y2);
      double y3 = y + k2 * (H / 2);
      double k3 = r * y3 * (1.0 - y3);
      double y4 = y + k3 * H;
      double k4 = r * y4 * (1.0 - y4);
      y = y + (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (H / 6);
    }
    return y;
  }

  /** The right-hand side of Lotka-Volterra with {@code th = (a, b, c, d)}. */
  private static Val[] lv(Val th, Val[] s) {
    Val xy = s[0].mul(s[1]);
    return new Val[] {
      th.get(0).mul(s[0]).sub(th.get(1).mul(xy)), th.get(3).mul(xy).sub(th.get(2).mul(s[1]))
    };
  }

  private static Val[] axpy(Val[] s, double h, Val[] k) {
    return new Val[] {s[0].add(k[0].mul(h)), s[1].add(k[1].mul(h))};
  }

  /** A loss of Lotka-Volterra by RK4 over {@code steps} steps: two carries, four parameters. */
  static Fn lotkaVolterra(int steps) {
    return Fn.trace(
        "lotkaVolterra",
        List.of(new Param("theta", Shape.vector(4)), new Param("s0", Shape.vector(2))),
        a -> {
          Val th = a[0];
          Val[] init = {a[1].get(0), a[1].get(1)};
          Val[] end =
              Loops.fori(
                  0,
                  steps,
                  init,
                  (i, s) -> {
                    Val[] k1 = lv(th, s);
                    Val[] k2 = lv(th, axpy(s, H / 2, k1));
                    Val[] k3 = lv(th, axpy(s, H / 2, k2));
                    Val[] k4 = lv(th, axpy(s, H, k3));
                    Val[] r = new Val[2];
                    for (int j = 0; j < 2; j++) {
                      r[j] =
                          s[j].add(
                              k1[j].add(k2[j].mul(2.0)).add(k3[j].mul(2.0)).add(k4[j]).mul(H / 6));
                    }
                    return r;
                  });
          return end[0].mul(end[0]).add(end[1].log());
        });
  }

  private static void sameAsInterpreter(Fn f, int rows) {
    Graph g = f.graph();
    Kernel k = Jit.compileUncached(g);
    assertTrue(k.source().contains("for (int l"), "the loop is a loop in the kernel");
    // three rows past a multiple of 4 go through the one-row pass after the interleaved one
    JitTest.assertSameAsInterpreter(g, k, rows + 3, f.name().hashCode());
  }

  @Test
  void aForiLoopMatchesTheInterpreter() {
    sameAsInterpreter(logisticOde(50), 200);
    sameAsInterpreter(lotkaVolterra(30), 200);
  }

  @Test
  void scanOutputsReadByIndexBySumAndByATracedRowMatchTheInterpreter() {
    sameAsInterpreter(scanned(), 300);
    sameAsInterpreter(AD.jacrev(scanned(), 0, 1), 300);
  }

  /** A scan whose stacked outputs are summed, indexed and read at a traced row. */
  private static Fn scanned() {
    return Fn.traceMany(
        "scan",
        List.of(new Param("x", Shape.SCALAR), new Param("v", Shape.vector(2))),
        List.of("sum", "third", "row", "carry"),
        a -> {
          Loops.Scanned s =
              Loops.scan(
                  1,
                  9,
                  new Val[] {a[0], a[1]},
                  (i, c) ->
                      Loops.step(
                          new Val[] {c[0].mul(0.9).add(i), c[1].mul(c[0].sin())},
                          c[0].mul(c[0]),
                          Val.stack(c[1].get(0).add(i), c[1].get(1).div(c[0]))));
          Val row = a[0].abs().mul(3.0).floor();
          return new Val[] {
            s.stacked()[0].sum(),
            s.stacked()[0].get(2),
            DynIndex.of(s.stacked()[1], row),
            s.carry()[1]
          };
        });
  }

  @Test
  void aLoopSharedByItsOutputsIsOneLoop() {
    Fn f =
        Fn.traceMany(
            "two",
            List.of(new Param("x", Shape.SCALAR)),
            List.of("a", "b"),
            a -> {
              Val[] c =
                  Loops.fori(
                      0,
                      7,
                      new Val[] {a[0], a[0].constant(1.0)},
                      (i, s) -> new Val[] {s[1], s[0].add(s[1].mul(i))});
              return new Val[] {c[0], c[1]};
            });
    Kernel k = Jit.compileUncached(f.graph());
    // one loop in the one-row pass (the rows side by side have prefixed names)
    assertEquals(1, k.source().split("for \\(int l", -1).length - 1, k.source());
    JitTest.assertSameAsInterpreter(f.graph(), k, 200, 5);
  }

  @Test
  void nestedLoopsMatchTheInterpreter() {
    Fn f =
        Fn.trace(
            "nested",
            List.of(new Param("x", Shape.SCALAR), new Param("w", Shape.SCALAR)),
            a ->
                Loops.fori(
                    0,
                    5,
                    a[0],
                    (i, y) ->
                        Loops.fori(2, 6, y, (j, z) -> z.mul(a[1]).add(j.mul(i)).sin()).add(y)));
    sameAsInterpreter(f, 200);
    sameAsInterpreter(AD.grad(f), 200);
  }

  @Test
  void derivativesOfTheLogisticOdeMatchTheInterpreter() {
    Fn f = logisticOde(40);
    for (Fn d : List.of(AD.jvp(f), AD.grad(f), AD.jacfwd(f), AD.hessian(f))) {
      sameAsInterpreter(d, 150);
    }
  }

  @Test
  void derivativesOfLotkaVolterraMatchTheInterpreter() {
    Fn f = lotkaVolterra(25);
    for (Fn d : List.of(AD.jvp(f), AD.grad(f), AD.jacfwd(f), AD.hessian(f, 0))) {
      sameAsInterpreter(d, 120);
    }
  }

  @Test
  void loopsInAKernelCutIntoManyMethodsMatchTheInterpreter() throws Exception {
    // a tiny method budget: values cross methods through scratch columns, a loop and its
    // stacked arrays stay in one method
    boolean cut = false;
    for (Fn f : List.of(AD.grad(lotkaVolterra(12)), AD.hessian(logisticOde(9)), scanned())) {
      Graph g = f.graph();
      SourceGen.Result src = SourceGen.generate(Scalarizer.of(g), 60);
      cut |= src.segments() > 1;
      JaninoCompiler.Compiled c = JaninoCompiler.compile(src.source(), null);
      KernelBody body =
          c.type()
              .getConstructor(double[].class, Object[].class)
              .newInstance(src.constants(), src.refs());
      Kernel k =
          new CompiledKernel(
              body,
              "cut",
              src.source(),
              c.methodSizes(),
              g.inputShapes().stream().map(Shape::size).toList(),
              g.outputShapes().stream().map(Shape::size).toList());
      JitTest.assertSameAsInterpreter(g, k, 203, 6);
    }
    assertTrue(cut, "some kernel is cut into several methods");
  }

  @Test
  void theKernelDoesNotGrowWithTheTripCountAndAMillionStepsRun() {
    Fn small = logisticOde(1_000);
    Fn large = logisticOde(1_000_000);
    Kernel ks = Jit.compileUncached(small.graph());
    Kernel kl = Jit.compileUncached(large.graph());
    assertEquals(ks.source().length(), kl.source().length());
    assertTrue(kl.source().contains("r += 4"), "four rows side by side");
    // reverse mode stores every carry up to 2^16 values and checkpoints beyond: compare within each
    assertEquals(
        Jit.compileUncached(AD.grad(logisticOde(100)).graph()).source().length(),
        Jit.compileUncached(AD.grad(small).graph()).source().length());
    assertEquals(
        Jit.compileUncached(AD.grad(logisticOde(250_000)).graph()).source().length(),
        Jit.compileUncached(AD.grad(large).graph()).source().length());
    double[][] in = {{2.0, 0.5}, {0.1, 0.9}};
    double[][] out = new double[1][2];
    kl.run(in, out, 0, 2);
    for (int r = 0; r < 2; r++) {
      assertEquals(
          Double.doubleToRawLongBits(logisticByHand(in[0][r], in[1][r], 1_000_000)),
          Double.doubleToRawLongBits(out[0][r]));
    }
  }

  @Test
  void aCheckpointedReverseLoopCompilesToNestedLoopsThatMatchTheInterpreter() {
    // 70,000 stored carries would pass 2^16 values: reverse mode recomputes them by segments
    Graph g = AD.grad(logisticOde(70_000), 0, 1).graph();
    Kernel k = Jit.compileUncached(g);
    assertTrue(k.source().split("for \\(", -1).length - 1 >= 3, "segment, step and reverse loops");
    JitTest.assertSameAsInterpreter(g, k, 2, 9);
  }

  @Test
  void aGraphWithLoopsStaysScalarWhenSimdIsOn() {
    Graph g = AD.grad(logisticOde(20)).graph();
    assertTrue(SimdSourceGen.generate(Scalarizer.of(g), Jit.METHOD_BUDGET).isEmpty());
    Kernel k = Jit.compileUncached(g, Jit.key(g), null, Jit.HUGE_METHOD_LIMIT, true);
    JitTest.assertSameAsInterpreter(g, k, 100, 3);
  }

  @Test
  void theDiskCacheStoresAndReloadsALoopKernel() {
    Graph g = AD.grad(lotkaVolterra(10)).graph();
    DiskKernelCache disk = new DiskKernelCache(tmp, DiskKernelCache.DEFAULT_MAX_BYTES);
    Kernel first = Jit.compileUncached(g, Jit.key(g), disk, Jit.HUGE_METHOD_LIMIT, false);
    SourceGen.Result src = SourceGen.generate(Scalarizer.of(g), Jit.METHOD_BUDGET);
    assertFalse(JaninoCompiler.compile(src.source(), null).fromDisk());
    assertTrue(JaninoCompiler.compile(src.source(), disk).fromDisk());
    Kernel second = Jit.compileUncached(g, Jit.key(g), disk, Jit.HUGE_METHOD_LIMIT, false);
    assertEquals(first.source(), second.source());
    JitTest.assertSameAsInterpreter(g, second, 100, 4);
  }
}
