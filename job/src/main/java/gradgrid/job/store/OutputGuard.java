package gradgrid.job.store;

import gradgrid.job.conf.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The output rules applied to a local output before Spark starts, so that bad input writes nothing:
 * no other run holds the lock, and {@link OutputCommit#check} (the write mode, {@link Ownership},
 * {@link Writability}), the one rule set that {@link OutputCommit#open} applies again under the
 * lock, on any file system.
 */
public final class OutputGuard {
  private OutputGuard() {}

  /**
   * Checks a local output.
   *
   * @param spec the sweep (a remote output is checked by {@link OutputCommit#open}, once Spark's
   *     Hadoop configuration is there)
   * @throws gradgrid.job.conf.ConfException naming {@code output.dir} and the reason; nothing is
   *     changed
   */
  public static void check(SweepSpec spec) {
    if (spec.localOutput() == null) {
      return;
    }
    try {
      OutputPaths paths = OutputPaths.of(spec.output(), new Configuration());
      RunLock.requireFree(paths);
      // a from-table sweep's identity includes its table's files, which only the session reads
      String hash = spec.table().isPresent() ? null : ConfHash.of(spec.confJson());
      OutputCommit.check(paths, spec.mode(), hash);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + spec.localOutput(), e);
    }
  }
}
