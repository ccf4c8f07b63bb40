package gradgrid.bench;

import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compile time of the worked example's coefficient-Hessian kernel (78 outputs): {@code cold} is the
 * first compile in a fresh JVM (Janino's classes loaded and interpreted too), {@code afterWarmUp}
 * the first Hessian compile after {@link Jit#warmUp}, {@code steady} the time once everything is
 * JIT-compiled. Each fork measures one cold shot.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBench {
  Fn hessian;

  /** Traces the function; tracing is not part of compile time. */
  @Setup
  public void setUp() {
    hessian = Workloads.coefHessian();
  }

  /** First compile in a fresh JVM. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(5)
  public Kernel cold() {
    return Jit.compileUncached(hessian.graph());
  }

  /** First Hessian compile in a JVM whose compiler was warmed with a tiny kernel. */
  @State(Scope.Thread)
  public static class Warm {
    Fn hessian;

    /** Traces the function and warms Janino. */
    @Setup
    public void setUp() {
      hessian = Workloads.coefHessian();
      Jit.warmUp();
    }
  }

  /** First Hessian compile after {@link Jit#warmUp}. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(5)
  public Kernel afterWarmUp(Warm w) {
    return Jit.compileUncached(w.hessian.graph());
  }

  /** Steady state: compiles repeated until the compiler itself is JIT-compiled. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 3, time = 2)
  @Fork(1)
  public Kernel steady() {
    return Jit.compileUncached(hessian.graph());
  }
}
