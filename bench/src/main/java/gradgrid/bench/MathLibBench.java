package gradgrid.bench;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.prim.UnaryFn;
import java.util.List;
import java.util.Random;

/**
 * The unary rule table in compiled kernels: for each function, nanoseconds per point of the jitted
 * {@code f(x)} and {@code f'(x)} over 2^20 points, against a hand-written loop calling the table's
 * own method on the same points (the ratio says what the kernel adds), and {@code Math.exp} for
 * scale. Best of 7 after 3 warm-ups, one thread. Run by {@code bench/mathlib.sh}.
 */
public final class MathLibBench {
  private MathLibBench() {}

  private static final int N = 1 << 20;

  /** Prints one line per table function. */
  public static void main(String[] args) {
    Random r = new Random(1);
    System.out.printf(
        "%-14s %12s %12s %12s %8s%n", "function", "loop ns/pt", "kernel f", "kernel f'", "f/loop");
    double[] ref = time(x -> Math.exp(x), uniform(r, 0.1, 4));
    System.out.printf("%-14s %12.2f%n", "(Math.exp)", ref[0]);
    for (UnaryFn f : UnaryFn.values()) {
      double[] xs =
          switch (f) {
            case ASIN, ACOS, ATANH -> uniform(r, -0.9, 0.9);
            case ACOSH -> uniform(r, 1.1, 4);
            default -> uniform(r, 0.1, 4);
          };
      double loop = time(f::apply, xs)[0];
      Fn fn = Fn.trace(f.printed(), List.of(Param.scalar("x")), a -> a[0].apply(f));
      double kf = time(Jit.compile(fn), xs);
      double kd = time(Jit.compile(AD.grad(fn)), xs);
      System.out.printf("%-14s %12.2f %12.2f %12.2f %8.2f%n", f.printed(), loop, kf, kd, kf / loop);
    }
  }

  private static double[] uniform(Random r, double lo, double hi) {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = lo + (hi - lo) * r.nextDouble();
    }
    return x;
  }

  /** Best ns per point of a hand-written loop; also returns a checksum so it is not dead code. */
  private static double[] time(java.util.function.DoubleUnaryOperator op, double[] xs) {
    double[] out = new double[N];
    long best = Long.MAX_VALUE;
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < N; i++) {
        out[i] = op.applyAsDouble(xs[i]);
      }
      long t = System.nanoTime() - t0;
      if (rep >= 3) {
        best = Math.min(best, t);
      }
    }
    return new double[] {(double) best / N, out[N / 2]};
  }

  private static double time(Kernel k, double[] xs) {
    double[][] in = {xs};
    double[][] out = new double[k.outputWidth()][N];
    long best = Long.MAX_VALUE;
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      k.run(in, out, 0, N);
      long t = System.nanoTime() - t0;
      if (rep >= 3) {
        best = Math.min(best, t);
      }
    }
    return (double) best / N;
  }
}
