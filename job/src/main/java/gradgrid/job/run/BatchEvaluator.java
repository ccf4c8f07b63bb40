package gradgrid.job.run;

/**
 * Evaluates the sweep's outputs for one batch of rows, column by column.
 *
 * <p>Input columns: one per element of every function parameter, in call order ({@code x}, {@code
 * alpha[0]}, ..., {@code beta[0]}, ...). Output columns: one per element of every requested output,
 * in conf order, matrices row by row. Each column holds at least {@code n} values; only the first
 * {@code n} are read or written. An evaluator is used by one thread.
 */
public interface BatchEvaluator {
  /**
   * Fills {@code outputs[k][0..n)} from {@code inputs[j][0..n)}.
   *
   * @param inputs the input columns (not modified)
   * @param outputs the output columns to fill
   * @param n the number of rows in this batch
   */
  void evaluate(double[][] inputs, double[][] outputs, int n);
}
