package gradgrid.job.write;

import gradgrid.job.ui.JobDescription;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the Spark job that writes one chunk in a job group of its own and, when it fails, returns
 * only once none of its tasks still runs (or after {@link #MAX_WAIT_MILLIS}). Spark fails a job as
 * soon as one task fails and stops the others asynchronously; a task that was already launched may
 * still set up its output under the staging directory after that, so the run must not remove the
 * staging directory (or report that nothing was written) before those tasks are over.
 */
final class ChunkJob {
  /** Spark's local property naming the job group ({@code SparkContext.setJobGroup}). */
  private static final String GROUP = "spark.jobGroup.id";

  /** The longest wait for the tasks of a failed job to end. */
  static final long MAX_WAIT_MILLIS = 60_000;

  private ChunkJob() {}

  /**
   * Runs {@code step} with its jobs named {@code description} in the job group {@code group}.
   *
   * @param spark the session
   * @param description the jobs' name ({@link JobDescription})
   * @param group a job group no other work uses
   * @param step the write
   * @param <E> what it may throw
   * @throws E as the write does, after the failed job's tasks have ended
   */
  static <E extends Exception> void run(
      SparkSession spark, String description, String group, JobDescription.Step<E> step) throws E {
    SparkContext sc = spark.sparkContext();
    String previousGroup = sc.getLocalProperty(GROUP);
    sc.setLocalProperty(GROUP, group);
    boolean done = false;
    try {
      JobDescription.run(spark, description, step);
      done = true;
    } finally {
      sc.setLocalProperty(GROUP, previousGroup);
      if (!done) {
        awaitTasks(JavaSparkContext.fromSparkContext(sc).statusTracker(), group);
      }
    }
  }

  /** Waits until no stage of the group's jobs has an active task, polling the status store. */
  private static void awaitTasks(JavaSparkStatusTracker tracker, String group) {
    long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
    while (activeTasks(tracker, group) > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int activeTasks(JavaSparkStatusTracker tracker, String group) {
    int active = 0;
    for (int job : tracker.getJobIdsForGroup(group)) {
      SparkJobInfo info = tracker.getJobInfo(job);
      for (int stage : info == null ? new int[0] : info.stageIds()) {
        SparkStageInfo s = tracker.getStageInfo(stage);
        active += s == null ? 0 : s.numActiveTasks();
      }
    }
    return active;
  }
}
