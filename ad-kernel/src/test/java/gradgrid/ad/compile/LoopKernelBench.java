package gradgrid.ad.compile;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Loops;
import gradgrid.ad.trace.Val;
import java.util.List;
import java.util.function.Consumer;

/**
 * Points per second of loop kernels (not a unit test): an RK4 logistic ODE of {@code steps} steps
 * and its gradient, then the two shapes a kernel's loop could take, written by hand: the step loop
 * inside the batch loop (what the compiler generates) and the batch loop inside the step loop over
 * a tile of carries. Usage: {@code LoopKernelBench [steps] [rows] [seconds]}.
 */
final class LoopKernelBench {
  private static final double H = 0.01;

  private LoopKernelBench() {}

  private static Val logistic(Val r, Val y) {
    return r.mul(y).mul(y.constant(1.0).sub(y));
  }

  private static Fn ode(int steps) {
    return Fn.trace(
        "logistic",
        List.of(new Param("r", Shape.SCALAR), new Param("y0", Shape.SCALAR)),
        a ->
            Loops.fori(
                0,
                steps,
                a[1],
                (i, y) -> {
                  Val r = a[0];
                  Val k1 = logistic(r, y);
                  Val k2 = logistic(r, y.add(k1.mul(H / 2)));
                  Val k3 = logistic(r, y.add(k2.mul(H / 2)));
                  Val k4 = logistic(r, y.add(k3.mul(H)));
                  return y.add(k1.add(k2.mul(2.0)).add(k3.mul(2.0)).add(k4).mul(H / 6));
                }));
  }

  /**
   * Runs {@code body} on the batch for about {@code seconds} after a warm-up; points per second.
   */
  private static double rate(int rows, double seconds, Consumer<Integer> body) {
    long end = System.nanoTime() + (long) (seconds * 0.3e9);
    while (System.nanoTime() < end) {
      body.accept(rows);
    }
    long t0 = System.nanoTime();
    long n = 0;
    end = t0 + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      body.accept(rows);
      n += rows;
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static double kernelRate(Fn f, int rows, double seconds) {
    Kernel k = Jit.compileUncached(f.graph());
    double[][] in = new double[k.inputWidth()][rows];
    for (int r = 0; r < rows; r++) {
      in[0][r] = 1.0 + r * 1e-4;
      in[1][r] = 0.1 + r * 1e-5;
    }
    double[][] out = new double[k.outputWidth()][rows];
    System.out.printf("  (%s: methods %s)%n", f.name(), k.methodSizes());
    return rate(rows, seconds, n -> k.run(in, out, 0, n));
  }

  /** The generated shape: each row runs all its steps, the carry a local. */
  private static void stepsInsideRows(double[] rs, double[] y0, double[] out, int steps) {
    for (int r = 0; r < rs.length; r++) {
      double rr = rs[r];
      double y = y0[r];
      for (int k = 0; k < steps; k++) {
        double k1 = rr * y * (1.0 - y);
        double y2 = y + k1 * (H / 2);
        double k2 = rr * y2 * (1.0 - y2);
        double y3 = y + k2 * (H / 2);
        double k3 = rr * y3 * (1.0 - y3);
        double y4 = y + k3 * H;
        double k4 = rr * y4 * (1.0 - y4);
        y = y + (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (H / 6);
      }
      out[r] = y;
    }
  }

  /** The generated shape with two rows interleaved in one step loop. */
  private static void stepsInsideRowPairs(double[] rs, double[] y0, double[] out, int steps) {
    int r = 0;
    for (; r + 2 <= rs.length; r += 2) {
      double ra = rs[r];
      double rb = rs[r + 1];
      double ya = y0[r];
      double yb = y0[r + 1];
      for (int k = 0; k < steps; k++) {
        double k1a = ra * ya * (1.0 - ya);
        double k1b = rb * yb * (1.0 - yb);
        double y2a = ya + k1a * (H / 2);
        double y2b = yb + k1b * (H / 2);
        double k2a = ra * y2a * (1.0 - y2a);
        double k2b = rb * y2b * (1.0 - y2b);
        double y3a = ya + k2a * (H / 2);
        double y3b = yb + k2b * (H / 2);
        double k3a = ra * y3a * (1.0 - y3a);
        double k3b = rb * y3b * (1.0 - y3b);
        double y4a = ya + k3a * H;
        double y4b = yb + k3b * H;
        double k4a = ra * y4a * (1.0 - y4a);
        double k4b = rb * y4b * (1.0 - y4b);
        ya = ya + (k1a + k2a * 2.0 + k3a * 2.0 + k4a) * (H / 6);
        yb = yb + (k1b + k2b * 2.0 + k3b * 2.0 + k4b) * (H / 6);
      }
      out[r] = ya;
      out[r + 1] = yb;
    }
    for (; r < rs.length; r++) {
      out[r] = y0[r];
    }
  }

  /** The other shape: each step runs over a tile of 256 rows, the carries a scratch column. */
  private static void rowsInsideSteps(double[] rs, double[] y0, double[] out, int steps) {
    double[] y = new double[256];
    for (int t = 0; t < rs.length; t += 256) {
      int len = Math.min(256, rs.length - t);
      System.arraycopy(y0, t, y, 0, len);
      for (int k = 0; k < steps; k++) {
        for (int q = 0; q < len; q++) {
          double rr = rs[t + q];
          double yy = y[q];
          double k1 = rr * yy * (1.0 - yy);
          double y2 = yy + k1 * (H / 2);
          double k2 = rr * y2 * (1.0 - y2);
          double y3 = yy + k2 * (H / 2);
          double k3 = rr * y3 * (1.0 - y3);
          double y4 = yy + k3 * H;
          double k4 = rr * y4 * (1.0 - y4);
          y[q] = yy + (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (H / 6);
        }
      }
      System.arraycopy(y, 0, out, t, len);
    }
  }

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
    Fn f = ode(steps);
    System.out.printf("rk4 logistic, %d steps, %d rows%n", steps, rows);
    System.out.printf("  kernel f      %.4g points/s%n", kernelRate(f, rows, seconds));
    System.out.printf("  kernel grad f %.4g points/s%n", kernelRate(AD.grad(f), rows, seconds));
    double[] rs = new double[rows];
    double[] y0 = new double[rows];
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      rs[r] = 1.0 + r * 1e-4;
      y0[r] = 0.1 + r * 1e-5;
    }
    System.out.printf(
        "  by hand, steps inside rows  %.4g points/s%n",
        rate(rows, seconds, n -> stepsInsideRows(rs, y0, out, steps)));
    System.out.printf(
        "  by hand, steps inside pairs of rows  %.4g points/s%n",
        rate(rows, seconds, n -> stepsInsideRowPairs(rs, y0, out, steps)));
    System.out.printf(
        "  by hand, rows inside steps  %.4g points/s%n",
        rate(rows, seconds, n -> rowsInsideSteps(rs, y0, out, steps)));
  }
}
