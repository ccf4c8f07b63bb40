package gradgrid.job.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * For {@code bench/sweep.sh}: sums the CPU time of every task and the rows written, and prints them
 * when the application ends ({@code spark.extraListeners=gradgrid.job.bench.TaskCpuListener}). CPU
 * time per row compares two jobs even when other processes share the cores, which wall time does
 * not.
 */
public final class TaskCpuListener extends SparkListener {
  private final AtomicLong cpuNanos = new AtomicLong();
  private final AtomicLong runMillis = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TaskMetrics m = end.taskMetrics();
    if (m == null) {
      return;
    }
    cpuNanos.addAndGet(m.executorCpuTime() + m.executorDeserializeCpuTime());
    runMillis.addAndGet(m.executorRunTime());
    rows.addAndGet(m.outputMetrics().recordsWritten());
  }

  @Override
  public void onApplicationEnd(SparkListenerApplicationEnd end) {
    System.err.printf(
        Locale.ROOT,
        "bench-tasks: rows %d cpu_s %.3f run_s %.3f%n",
        rows.get(),
        cpuNanos.get() / 1e9,
        runMillis.get() / 1e3);
  }
}
