package gradgrid.bench;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.examples.Rational;

/**
 * f, f', ..., f^(k) of the worked example over x (alpha and beta bound) at k = 1, 2, 3, 4, 8, 12: one
 * Taylor-mode function ({@code AD.taylor}) against {@code Fn.concat} of {@code AD.derivative} for
 * each order (nested forward mode), in the same run: equations, and nanoseconds per point of each
 * jitted kernel over 2^20 points (best of 7 after 3 warm-ups, one thread), with the ratio nested /
 * Taylor. Run by {@code bench/taylor.sh}.
 */
public final class TaylorBench {
  private TaylorBench() {}

  private static final int N = 1 << 20;

  /** Prints one line per order. */
  public static void main(String[] args) {
    Fn f = Jit.bind(Jit.bind(Rational.of(5, 5), "alpha", Workloads.ALPHA), "beta", Workloads.BETA);
    double[] xs = new double[N];
    for (int i = 0; i < N; i++) {
      xs[i] = -10 + 20.0 * i / N;
    }
    System.out.printf(
        "%3s %10s %10s %14s %14s %8s%n",
        "k", "eqns tay", "eqns nest", "taylor ns/pt", "nested ns/pt", "nest/tay");
    for (int k : new int[] {1, 2, 3, 4, 8, 12}) {
      Fn[] nested = new Fn[k + 1];
      nested[0] = f;
      for (int j = 1; j <= k; j++) {
        nested[j] = AD.derivative(f, 0, j);
      }
      Fn concat = Fn.concat("f..f^(k)", nested);
      Fn taylor = AD.taylor(f, 0, k);
      double t = time(Jit.compile(taylor), xs);
      double c = time(Jit.compile(concat), xs);
      System.out.printf(
          "%3d %10d %10d %14.1f %14.1f %8.2f%n",
          k, taylor.eqnCount(), concat.eqnCount(), t, c, c / t);
    }
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
