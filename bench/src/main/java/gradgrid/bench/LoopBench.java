package gradgrid.bench;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.examples.Odes;
import gradgrid.ad.prim.Loop;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * RK4 of the logistic equation with 100, 1,000 and 10,000 steps, written as one loop and unrolled
 * at trace time, in the same run: equations, compile time ({@code Jit.compileUncached}, in this JVM
 * after one warm-up compile), and nanoseconds per point (best of 5 after 2 warm-ups, one thread) of
 * the value and of the reverse-mode gradient w.r.t. {@code (r, y0)}, with the bytes reverse mode
 * stores per point (the stacked carries of the forward pass) and, on each unrolled row, how many
 * times faster the loop is. The loop alone goes on to 100,000 and 1,000,000 steps, where reverse
 * mode checkpoints. Run by {@code bench/loops.sh}.
 */
public final class LoopBench {
  private LoopBench() {}

  /** Prints one line per model, trip count and form. */
  public static void main(String[] args) {
    // the unrolled 10,000-step gradient is refused with a warning; the table says so itself
    Logger.getLogger(Jit.class.getName()).setLevel(Level.OFF);
    Jit.compileUncached(Odes.logistic(3, 1.0, false).graph());
    System.out.printf(
        "%-6s %7s %-9s %8s %11s %11s %9s %10s%n",
        "what", "steps", "form", "eqns", "compile ms", "ns/point", "bytes/pt", "loop gain");
    for (int steps : new int[] {100, 1000, 10000, 100_000, 1_000_000}) {
      Fn loop = Odes.logistic(steps, 1.0, false);
      Fn grad = AD.grad(loop, 0, 1);
      double value = row("value", steps, "loop", loop, Double.NaN);
      double gradient = row("grad", steps, "loop", grad, Double.NaN);
      if (steps <= 10000) {
        Fn unrolled = Odes.logistic(steps, 1.0, true);
        row("value", steps, "unrolled", unrolled, value);
        row("grad", steps, "unrolled", AD.grad(unrolled, 0, 1), gradient);
      }
    }
  }

  /** One line; returns ns per point, NaN if the kernel does not compile. */
  private static double row(String what, int steps, String form, Fn f, double loopNs) {
    long t0 = System.nanoTime();
    Kernel k;
    try {
      k = Jit.compileUncached(f.graph());
    } catch (RuntimeException e) {
      System.out.printf(
          "%-6s %7d %-9s %8d   does not compile: %s%n",
          what, steps, form, f.eqnCount(), e.getClass().getSimpleName());
      return Double.NaN;
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    double ns = nsPerPoint(k, steps);
    String gain = Double.isNaN(loopNs) ? "" : String.format("%9.1fx", ns / loopNs);
    System.out.printf(
        "%-6s %7d %-9s %8d %11.1f %11.1f %9d %10s%n",
        what, steps, form, f.eqnCount(), ms, ns, storedBytes(f), gain);
    return ns;
  }

  private static double nsPerPoint(Kernel k, int steps) {
    int rows = Math.max(16, 20_000_000 / steps);
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
