package gradgrid.bench;

import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Compiled kernels against the hand-written loops of {@link Reference} on the same columns, one
 * thread. Scores are points per second; {@link Main} prints kernel / reference ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class KernelBench {
  static final int X_POINTS = 1_000_000;
  static final int COEF_POINTS = 1 << 14;
  static final int DENSE_POINTS = 4096;

  double[][] xIn;
  double[][] xInUnbound;
  double[][] xOut;
  Kernel xKernel;
  Kernel xKernelUnbound;

  double[][] coefIn;
  double[][] gradOut;
  double[][] hessOut;
  double[] ab;
  double[] bb;
  Kernel gradKernel;
  Kernel hessKernel;

  double[][] denseIn;
  double[][] denseOut;
  double[] denseRow;
  Kernel denseKernel;

  /** Builds inputs and compiles the kernels once per fork. */
  @Setup
  public void setUp() {
    xIn = Workloads.columns(1, X_POINTS, -10, 10, 1);
    xOut = new double[3][X_POINTS];
    xKernel = Jit.compile(Workloads.xSweep());
    xKernelUnbound = Jit.compile(Workloads.xSweepUnbound());
    xInUnbound = new double[13][];
    xInUnbound[0] = xIn[0];
    for (int i = 0; i < 6; i++) {
      xInUnbound[1 + i] = filled(Workloads.ALPHA[i], X_POINTS);
      xInUnbound[7 + i] = filled(Workloads.BETA[i], X_POINTS);
    }
    coefIn = Workloads.coefColumns(COEF_POINTS);
    gradOut = new double[12][COEF_POINTS];
    hessOut = new double[78][COEF_POINTS];
    ab = new double[COEF_POINTS];
    bb = new double[COEF_POINTS];
    gradKernel = Jit.compile(Workloads.coefGrad());
    hessKernel = Jit.compile(Workloads.coefHessian());
    denseIn = Workloads.columns(64, DENSE_POINTS, -1, 1, 13);
    denseOut = new double[64][DENSE_POINTS];
    denseRow = new double[64];
    denseKernel = Jit.compile(Workloads.denseLayer());
  }

  private static double[] filled(double v, int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  /** x-sweep, f f' f'': hand-written Horner and closed forms. */
  @Benchmark
  @OperationsPerInvocation(X_POINTS)
  public void xSweepReference(Blackhole bh) {
    Reference.xSweep(Workloads.ALPHA, Workloads.BETA, xIn[0], xOut, X_POINTS);
    bh.consume(xOut);
  }

  /** x-sweep, f f' f'': the kernel of the traced function with alpha and beta bound. */
  @Benchmark
  @OperationsPerInvocation(X_POINTS)
  public void xSweepKernel(Blackhole bh) {
    xKernel.run(xIn, xOut, 0, X_POINTS);
    bh.consume(xOut);
  }

  /** x-sweep with alpha and beta as 12 more (constant) input columns: not specialised. */
  @Benchmark
  @OperationsPerInvocation(X_POINTS)
  public void xSweepKernelUnbound(Blackhole bh) {
    xKernelUnbound.run(xInUnbound, xOut, 0, X_POINTS);
    bh.consume(xOut);
  }

  /** 12-output coefficient gradient at fixed x: hand-written closed forms. */
  @Benchmark
  @OperationsPerInvocation(COEF_POINTS)
  public void coefGradReference(Blackhole bh) {
    Reference.coefGrad(Workloads.X0, coefIn, gradOut, COEF_POINTS);
    bh.consume(gradOut);
  }

  /** 12-output coefficient gradient at fixed x: kernel of grad(f, alpha, beta). */
  @Benchmark
  @OperationsPerInvocation(COEF_POINTS)
  public void coefGradKernel(Blackhole bh) {
    gradKernel.run(coefIn, gradOut, 0, COEF_POINTS);
    bh.consume(gradOut);
  }

  /** 78 unique coefficient-Hessian entries at fixed x: hand-written closed forms. */
  @Benchmark
  @OperationsPerInvocation(COEF_POINTS)
  public void coefHessianReference(Blackhole bh) {
    Reference.coefHessian(Workloads.X0, coefIn, hessOut, COEF_POINTS, ab, bb);
    bh.consume(hessOut);
  }

  /** 78 unique coefficient-Hessian entries at fixed x: kernel of hessian(f, alpha, beta). */
  @Benchmark
  @OperationsPerInvocation(COEF_POINTS)
  public void coefHessianKernel(Blackhole bh) {
    hessKernel.run(coefIn, hessOut, 0, COEF_POINTS);
    bh.consume(hessOut);
  }

  /** Dense layer tanh(W x + b), W 64 x 64: the plain hand-written loop nest. */
  @Benchmark
  @OperationsPerInvocation(DENSE_POINTS)
  public void denseReference(Blackhole bh) {
    Reference.dense(Workloads.W64, Workloads.B64, denseIn, denseOut, DENSE_POINTS, denseRow);
    bh.consume(denseOut);
  }

  /** Dense layer tanh(W x + b), W 64 x 64: the kernel, with the default fused/dgemm choice. */
  @Benchmark
  @OperationsPerInvocation(DENSE_POINTS)
  public void denseKernel(Blackhole bh) {
    denseKernel.run(denseIn, denseOut, 0, DENSE_POINTS);
    bh.consume(denseOut);
  }
}
