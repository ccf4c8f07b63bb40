package gradgrid.job.run;

import gradgrid.ad.compile.KernelTooLargeException;
import gradgrid.job.criticals.CriticalPointKernel;
import gradgrid.job.criticals.InnerScan;
import java.io.Serializable;
import java.util.List;

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

  /**
   * The recipes of the sweep's {@code critical-points} outputs, in conf order: they have no column
   * in the evaluator (their size is 0) and are scanned per row by the task.
   *
   * @return the recipes, empty by default
   */
  default List<CriticalPointKernel> criticalPoints() {
    return List.of();
  }

  /**
   * One task's scanners of the {@link #criticalPoints} outputs, in conf order, over their kernels
   * compiled once per JVM.
   *
   * @return the scanners, empty without such outputs
   * @throws KernelTooLargeFailure if a kernel is too large to compile in this JVM
   */
  default InnerScan[] createScans() {
    try {
      return criticalPoints().stream().map(CriticalPointKernel::create).toArray(InnerScan[]::new);
    } catch (KernelTooLargeException e) {
      throw new KernelTooLargeFailure(e);
    }
  }
}
