package gradgrid.job.run;

import gradgrid.ad.Fn;

/**
 * The reference executor: the ad-kernel's interpreter ({@link Fn#call}), one row at a time, of a
 * function with one scalar parameter per input column. The compiled kernel ({@code
 * gradgrid.ad.compile.Jit}) of the same function replaces it with the same column layout.
 */
final class InterpretedKernel implements RawKernel {
  private final Fn fn;
  private final double[][] args;

  InterpretedKernel(Fn fn) {
    this.fn = fn;
    this.args = new double[fn.params().size()][];
    for (int i = 0; i < args.length; i++) {
      args[i] = new double[fn.params().get(i).shape().size()];
    }
  }

  @Override
  public void run(double[][] in, double[][] raw, int n) {
    for (int r = 0; r < n; r++) {
      int col = 0;
      for (double[] a : args) {
        for (int e = 0; e < a.length; e++) {
          a[e] = in[col++][r];
        }
      }
      double[][] res = fn.call(args);
      int c = 0;
      for (double[] o : res) {
        for (double v : o) {
          raw[c++][r] = v;
        }
      }
    }
  }
}
