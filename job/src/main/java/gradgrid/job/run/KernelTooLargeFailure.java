package gradgrid.job.run;

import gradgrid.ad.compile.KernelTooLargeException;

/**
 * A sweep's kernel too large to compile on an executor, in the words of a sweep: which memory to
 * raise, or to split the outputs over several sweeps. Thrown inside a task, it fails the sweep
 * (exit 1) as an ordinary task failure; it has no cause, so its one-line message is what {@code
 * SweepMain} prints (the compiler's failure is attached as suppressed).
 */
public final class KernelTooLargeFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Rewords the ad-kernel's failure for a sweep.
   *
   * @param e the compiler's size failure
   */
  public KernelTooLargeFailure(KernelTooLargeException e) {
    super(
        "the kernel is too large: "
            + e.outputs()
            + " outputs ("
            + e.equations()
            + " equations; "
            + e.reason()
            + "); "
            + (e.heapMayHelp()
                ? "raise the executor memory (spark.executor.memory; spark.driver.memory with a"
                    + " local master) or split the outputs over several sweeps"
                : "split the outputs over several sweeps")
            + " (limits.max-kernel-columns and limits.max-equations refuse such sweeps before they"
            + " start)");
    addSuppressed(e);
  }
}
