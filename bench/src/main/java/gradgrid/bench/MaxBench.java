package gradgrid.bench;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.trace.Val;
import java.util.List;

/**
 * A kernel of {@code max}: {@code sum_i max(w_i x + b_i, 0)}, 16 terms (a layer of ReLUs), compiled,
 * against the same sum written by hand with {@link Math#max}, in one run: nanoseconds per row (best
 * of 7 after 3 warm-ups, one thread, 4,096-row batches) and the ratio hand / kernel. Run by {@code
 * bench/max.sh}.
 */
public final class MaxBench {
  private static final int TERMS = 16;
  private static final int ROWS = 4096;
  private static final int BATCHES = 500;

  private MaxBench() {}

  private static double w(int i) {
    return 0.1 * (i + 1);
  }

  private static double b(int i) {
    return -0.8 + 0.1 * i;
  }

  /** Prints the two timings and their ratio. */
  public static void main(String[] args) {
    Fn relu =
        Fn.trace(
            "relu16",
            List.of(Param.scalar("x")),
            v -> {
              Val s = null;
              for (int i = 0; i < TERMS; i++) {
                Val t = v[0].mul(w(i)).add(b(i));
                t = t.max(t.zeros());
                s = s == null ? t : s.add(t);
              }
              return s;
            });
    Kernel k = Jit.compileUncached(relu.graph());
    double[][] in = new double[1][ROWS];
    for (int r = 0; r < ROWS; r++) {
      in[0][r] = -3 + 6.0 * r / ROWS;
    }
    double[][] out = new double[1][ROWS];
    double[] hand = new double[ROWS];
    double kernel = best(() -> k.run(in, out, 0, ROWS));
    double byHand = best(() -> byHand(in[0], hand));
    for (int r = 0; r < ROWS; r++) {
      if (Double.doubleToLongBits(out[0][r]) != Double.doubleToLongBits(hand[r])) {
        throw new AssertionError("row " + r + ": " + out[0][r] + " != " + hand[r]);
      }
    }
    System.out.printf("kernel of max:    %6.2f ns/row%n", kernel);
    System.out.printf("by hand, Math.max: %6.2f ns/row%n", byHand);
    System.out.printf("ratio hand/kernel: %6.2fx%n", byHand / kernel);
  }

  private static void byHand(double[] x, double[] y) {
    for (int r = 0; r < x.length; r++) {
      double s = Math.max(w(0) * x[r] + b(0), 0);
      for (int i = 1; i < TERMS; i++) {
        s += Math.max(w(i) * x[r] + b(i), 0);
      }
      y[r] = s;
    }
  }

  private static double best(Runnable batch) {
    double best = Double.POSITIVE_INFINITY;
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < BATCHES; i++) {
        batch.run();
      }
      double ns = (System.nanoTime() - t0) / (double) BATCHES / ROWS;
      if (rep >= 3) {
        best = Math.min(best, ns);
      }
    }
    return best;
  }
}
