package gradgrid.job.run;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;

/**
 * Evaluates an {@link AdPlan} row by row with the AD reference interpreter ({@link Fn#call}). The
 * compiled kernel replaces it once {@code gradgrid.ad.compile.Jit} is available; the column layout
 * stays the same.
 */
final class InterpretedEvaluator implements BatchEvaluator {
  private final AdPlan plan;
  private final double[][] args;
  private final double[] eigenScratch;

  InterpretedEvaluator(AdPlan plan) {
    this.plan = plan;
    Fn fn = plan.fn();
    this.args = new double[fn.params().size()][];
    for (int i = 0; i < args.length; i++) {
      Param p = fn.params().get(i);
      args[i] = new double[p.shape().size()];
    }
    int maxN = 0;
    for (int s : plan.sizes()) {
      maxN = Math.max(maxN, s);
    }
    this.eigenScratch = new double[maxN * maxN];
  }

  @Override
  public void evaluate(double[][] inputs, double[][] outputs, int n) {
    for (int r = 0; r < n; r++) {
      int col = 0;
      for (double[] a : args) {
        for (int e = 0; e < a.length; e++) {
          a[e] = inputs[col++][r];
        }
      }
      double[][] res = plan.fn().call(args);
      scatter(res, outputs, r);
    }
  }

  /** Copies one row's function outputs into the output columns, diagonalising Hessians. */
  void scatter(double[][] res, double[][] outputs, int r) {
    int col = 0;
    for (int k = 0; k < plan.first().length; k++) {
      int first = plan.first()[k];
      int blocks = plan.blocks()[k];
      if (blocks == 1) {
        for (double v : res[first]) {
          outputs[col++][r] = v;
        }
        continue;
      }
      int n = plan.sizes()[k];
      // Blocks (i, j) arrive in row-major block order; place each at its offset in the n x n
      // matrix.
      int rowOff = 0;
      for (int i = 0; i < blocks; i++) {
        int rows = (int) Math.round(Math.sqrt(res[first + i * blocks + i].length));
        int colOff = 0;
        for (int j = 0; j < blocks; j++) {
          double[] b = res[first + i * blocks + j];
          int cols = b.length / rows;
          for (int a = 0; a < rows; a++) {
            System.arraycopy(b, a * cols, eigenScratch, (rowOff + a) * n + colOff, cols);
          }
          colOff += cols;
        }
        rowOff += rows;
      }
      double[] ev = new double[n];
      SymmetricEigen.eigenvalues(eigenScratch, n, ev);
      for (double v : ev) {
        outputs[col++][r] = v;
      }
    }
  }
}
