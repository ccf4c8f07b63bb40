package gradgrid.job.run;

/**
 * A sweep task that ran out of memory, as an ordinary task failure. Spark treats an {@code
 * OutOfMemoryError} in a task as fatal and ends the executor JVM (exit code 52, and with a local
 * master the whole command); rethrown as this, it fails the task, Spark retries it, and a sweep
 * that keeps failing ends with gradgrid's one paragraph and exit 1.
 */
public final class TaskOutOfMemory extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Words the failure for a sweep.
   *
   * @param columns the scalar output columns of the task's batches
   * @param batchRows rows per batch
   * @param e the error (kept as suppressed, so the message above stays the root cause)
   */
  public TaskOutOfMemory(int columns, int batchRows, OutOfMemoryError e) {
    super(
        "a sweep task ran out of memory ("
            + columns
            + " output columns, "
            + batchRows
            + " rows per batch): raise the executor memory (spark.executor.memory;"
            + " spark.driver.memory with a local master), lower batch-size, or split the outputs"
            + " over several sweeps");
    addSuppressed(e);
  }
}
