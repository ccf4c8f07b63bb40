package gradgrid.job.run;

import gradgrid.job.conf.SweepSpec;
import java.io.Serializable;

/**
 * Serializable recipe for a {@link BatchEvaluator}: built on the driver, shipped to executors
 * inside the task closure, asked for one evaluator per task. Expensive set-up (compiling a kernel)
 * belongs in a per-JVM cache behind {@link #create()}, not in the factory's fields.
 */
public interface EvaluatorFactory extends Serializable {
  /**
   * Number of input columns the evaluator reads.
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

  /**
   * This recipe specialised to a sweep's fixed inputs (for example folded into a compiled kernel).
   * The column layout stays the same: evaluators still receive every input column, filled with the
   * fixed values, and may ignore those.
   *
   * @param spec the sweep
   * @return a recipe for the same outputs; this one by default
   */
  default EvaluatorFactory withFixedInputs(SweepSpec spec) {
    return this;
  }
}
