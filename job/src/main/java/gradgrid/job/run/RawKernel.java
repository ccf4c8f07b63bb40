package gradgrid.job.run;

/**
 * Runs an {@link AdPlan}'s multi-output function, bound to the sweep's inputs, over a batch: the
 * axis columns as in {@link BatchEvaluator}; one raw output column per scalar element of each
 * function output, in order (the ABI of the ad-kernel's compiled kernels). One instance per thread.
 */
interface RawKernel {
  /**
   * Fills {@code raw[c][0..n)} from {@code in[c][0..n)}.
   *
   * @param in input columns
   * @param raw raw output columns
   * @param n rows in the batch
   */
  void run(double[][] in, double[][] raw, int n);
}
