package gradgrid.bench;

import gradgrid.ad.compile.Jit;

/**
 * Checks, before timing, that each kernel and its hand-written reference compute the same numbers
 * (to rounding: the two evaluate in different orders), so the ratios compare equal work.
 */
final class Verify {
  private Verify() {}

  /** The largest relative difference over all outputs of the three workloads; throws if big. */
  static String run() {
    int n = 4096;
    double[][] xs = Workloads.columns(1, n, -10, 10, 1);
    double[][] a = new double[3][n];
    double[][] b = new double[3][n];
    Reference.xSweep(Workloads.ALPHA, Workloads.BETA, xs[0], a, n);
    Jit.compile(Workloads.xSweep()).run(xs, b, 0, n);
    double ex = maxRel(a, b);
    double[][] c = Workloads.coefColumns(n);
    a = new double[12][n];
    b = new double[12][n];
    Reference.coefGrad(Workloads.X0, c, a, n);
    Jit.compile(Workloads.coefGrad()).run(c, b, 0, n);
    double eg = maxRel(a, b);
    a = new double[78][n];
    b = new double[78][n];
    Reference.coefHessian(Workloads.X0, c, a, n, new double[n], new double[n]);
    Jit.compile(Workloads.coefHessian()).run(c, b, 0, n);
    double eh = maxRel(a, b);
    String s =
        String.format(
            "kernels vs hand-written, max relative difference: x-sweep %.1e, gradient %.1e,"
                + " Hessian %.1e",
            ex, eg, eh);
    if (Math.max(ex, Math.max(eg, eh)) > 1e-9) {
      throw new IllegalStateException("kernel and reference disagree: " + s);
    }
    return s;
  }

  private static double maxRel(double[][] a, double[][] b) {
    double m = 0;
    for (int c = 0; c < a.length; c++) {
      double scale = 0;
      for (double v : a[c]) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int r = 0; r < a[c].length; r++) {
        m = Math.max(m, Math.abs(a[c][r] - b[c][r]) / Math.max(scale, 1e-300));
      }
    }
    return m;
  }
}
