package gradgrid.job.bench;

import java.util.ArrayList;
import java.util.List;

/** The job benchmarks' timing: median wall seconds of a job over repeats, after two warm-ups. */
final class WallTime {
  private WallTime() {}

  /**
   * Runs {@code job} twice to warm up, then {@code repeats} times.
   *
   * @param job the work to time
   * @param repeats the timed runs
   * @return the median wall seconds of the timed runs
   */
  static double median(Runnable job, int repeats) {
    job.run();
    job.run();
    List<Double> t = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      job.run();
      t.add((System.nanoTime() - start) / 1e9);
    }
    t.sort(Double::compare);
    return t.get(t.size() / 2);
  }
}
