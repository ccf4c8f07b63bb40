package gradgrid.job.run;

import java.io.Serializable;

/**
 * Serializable recipe for a {@link BatchEvaluator}: built on the driver for one sweep (its
 * function, outputs and fixed inputs), shipped to executors inside the task closure, asked for one
 * evaluator per task. Expensive set-up (compiling a kernel) belongs in a per-JVM cache behind
 * {@link #create()}, not in the factory's fields.
 */
public interface EvaluatorFactory extends Serializable {
  /**
   * Number of input columns the evaluator reads: the sweep's axes.
   *
   * @return the input width
   */
  int inputWidth();

  /**
   * Number of output columns the evaluator fills.
   *
   * @return the output width
   */
  int outputWidth();

  /**
   * Creates an evaluator for one task (one thread).
   *
   * @return the evaluator
   */
  BatchEvaluator create();
}
