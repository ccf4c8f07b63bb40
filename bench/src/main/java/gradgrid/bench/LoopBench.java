package gradgrid.bench;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.examples.Odes;
import gradgrid.ad.prim.Loop;

/**
 * RK4 of the logistic equation with 100, 1,000 and 10,000 steps, written as one loop and unrolled
 * at trace time, in the same run: equations, cold compile time ({@code Jit.compileUncached}, in
 * this JVM), and nanoseconds per point (best of 5 after 2 warm-ups, one thread) of the value and of
 * the reverse-mode gradient w.r.t. {@code (y0, r)}, with the bytes reverse mode stores per point
 * (the stacked carries of the forward pass). Run by {@code bench/loops.sh}.
 */
public final class LoopBench {
  private LoopBench() {}

  /** Prints one line per model, trip count and form. */
  public static void main(String[] args) {
    System.out.printf(
        "%-6s %6s %-9s %8s %11s %11s %9s%n",
        "what", "steps", "form", "eqns", "compile ms", "ns/point", "bytes/pt");
    for (int steps : new int[] {100, 1000, 10000}) {
      for (boolean unrolled : new boolean[] {false, true}) {
        Fn f = Odes.logistic(steps, 1.0, unrolled);
        String form = unrolled ? "unrolled" : "loop";
        row("value", steps, form, f);
        row("grad", steps, form, AD.grad(f, 0, 1));
      }
    }
  }

  private static void row(String what, int steps, String form, Fn f) {
    long t0 = System.nanoTime();
    Kernel k;
    try {
      k = Jit.compileUncached(f.graph());
    } catch (RuntimeException e) {
      System.out.printf(
          "%-6s %6d %-9s %8d   does not compile: %s%n",
          what, steps, form, f.eqnCount(), e.getClass().getSimpleName());
      return;
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    System.out.printf(
        "%-6s %6d %-9s %8d %11.1f %11.1f %9d%n",
        what, steps, form, f.eqnCount(), ms, nsPerPoint(k, steps), storedBytes(f));
  }

  private static double nsPerPoint(Kernel k, int steps) {
    int rows = Math.max(64, 20_000_000 / steps);
    double[][] in = new double[k.inputWidth()][rows];
    for (int r = 0; r < rows; r++) {
      in[0][r] = 0.05 + 0.9 * r / rows;
      in[1][r] = 1.5;
    }
    double[][] out = new double[k.outputWidth()][rows];
    long best = Long.MAX_VALUE;
    for (int rep = 0; rep < 7; rep++) {
      long t0 = System.nanoTime();
      k.run(in, out, 0, rows);
      long t = System.nanoTime() - t0;
      if (rep >= 2) {
        best = Math.min(best, t);
      }
    }
    return (double) best / rows;
  }

  /** Bytes of the stacked per-step values the graph's loops hold for one point. */
  private static long storedBytes(Fn f) {
    return 8 * Loop.stackedValues(f.graph());
  }
}
