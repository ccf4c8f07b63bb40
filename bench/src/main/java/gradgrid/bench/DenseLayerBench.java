package gradgrid.bench;

import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.linalg.Linalg;
import gradgrid.ad.trace.Val;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The linear part {@code W x + b} of a dense layer, constant n x n matrix W, over a batch of x: the
 * batched matvec step as fused Java loops against jblas dgemm, for several n (without the tanh,
 * whose cost would hide the contraction's). The crossing point sets {@code
 * MatVecStep.DGEMM_MIN_ELEMENTS}. Scores are points per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DenseLayerBench {
  static final int POINTS = 4096;

  @Param({"8", "16", "32", "64", "128", "256"})
  public int n;

  @Param({"fused", "dgemm"})
  public String path;

  double[][] in;
  double[][] out;
  Kernel kernel;

  /** Compiles the layer with the chosen path forced. */
  @Setup
  public void setUp() {
    if (path.equals("dgemm") && !Linalg.nativeAvailable()) {
      throw new IllegalStateException(Linalg.nativeStatus());
    }
    double[] w = Workloads.columns(1, n * n, -1, 1, 5)[0];
    double[] b = Workloads.columns(1, n, -1, 1, 6)[0];
    Fn layer =
        Fn.trace(
            "dense",
            List.of(gradgrid.ad.Param.vector("x", n)),
            a -> {
              Val wv = new Val(a[0].builder(), new Lit(Shape.matrix(n, n), w));
              Val bv = new Val(a[0].builder(), new Lit(Shape.vector(n), b));
              return wv.matvec(a[0]).add(bv);
            });
    System.setProperty(
        "gradgrid.dgemm.minElements", path.equals("dgemm") ? "1" : "" + Integer.MAX_VALUE);
    kernel = Jit.compileUncached(layer.graph());
    System.clearProperty("gradgrid.dgemm.minElements");
    in = Workloads.columns(n, POINTS, -1, 1, 7);
    out = new double[n][POINTS];
  }

  /** One batch of points through the layer. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public void layer(Blackhole bh) {
    kernel.run(in, out, 0, POINTS);
    bh.consume(out);
  }
}
