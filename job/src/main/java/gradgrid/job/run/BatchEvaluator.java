package gradgrid.job.run;

/**
 * Evaluates the sweep's outputs for one batch of rows, column by column.
 *
 * <p>Input columns: the grid's axis columns only, in grid order ({@code x}; or {@code alpha_1},
 * {@code beta_4}), none for a grid without axes; the fixed inputs are part of the evaluator (bound
 * into its function), never columns. Output columns: one per element of every requested output, in
 * conf order, matrices row by row. Each column holds at least {@code n} values; only the first
 * {@code n} are read or written. An evaluator is used by one thread.
 */
public interface BatchEvaluator {
  /**
   * Fills {@code outputs[k][0..n)} from {@code axisColumns[a][0..n)}.
   *
   * @param axisColumns the coordinates of each axis, in grid order (not modified)
   * @param outputs the output columns to fill
   * @param n the number of rows in this batch
   */
  void evaluate(double[][] axisColumns, double[][] outputs, int n);
}
