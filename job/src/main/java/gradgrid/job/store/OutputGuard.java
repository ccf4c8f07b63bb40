package gradgrid.job.store;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * The checks of a local output before Spark starts and before anything is written: the write mode
 * against an existing path, {@link Ownership}, and that the directory and its hidden siblings
 * (lock, staging) can be created in the parent. {@link OutputCommit#open} repeats the mode and
 * ownership rules under the lock, on any file system.
 */
public final class OutputGuard {
  private OutputGuard() {}

  /**
   * Checks a local output.
   *
   * @param spec the sweep (a remote output is checked by {@link OutputCommit#open})
   * @throws ConfException naming {@code output.dir} and the reason; nothing is changed
   */
  public static void check(SweepSpec spec) {
    if (spec.localOutput() == null) {
      return;
    }
    WriteMode mode = spec.mode();
    Path dir = spec.localOutput().toAbsolutePath().normalize();
    String protectedWhy = Ownership.protectedReason(dir);
    if (protectedWhy != null && Files.exists(dir)) {
      throw new ConfException(
          "output.dir: "
              + dir
              + " is "
              + protectedWhy
              + "; gradgrid never writes or replaces it, nothing was deleted. Use a directory of"
              + " its own, such as out/<name>");
    }
    try {
      OutputPaths paths = OutputPaths.of(spec.output(), new Configuration());
      RunLock.requireFree(paths);
      OutputCommit.check(paths, mode, ConfHash.of(spec.confJson()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + dir, e);
    }
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      checkCreatable(dir);
      return;
    }
    Path parent = dir.getParent();
    if (parent != null && !Files.isWritable(parent)) {
      throw new ConfException(
          "output.dir: "
              + dir
              + " cannot be replaced: its parent "
              + parent
              + " is not writable (the new output is moved in beside the old one);"
              + " nothing was deleted");
    }
  }

  /** The nearest existing ancestor must be a writable directory on a writable file system. */
  private static void checkCreatable(Path dir) {
    Path p = dir.getParent();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return;
    }
    String why = null;
    if (!Files.isDirectory(p)) {
      why = p + " is a file, not a directory";
    } else if (!Files.isWritable(p)) {
      why = p + " is not writable";
    } else {
      try {
        if (Files.getFileStore(p).isReadOnly()) {
          why = p + " is on a read-only file system";
        }
      } catch (IOException e) {
        why = "cannot look at " + p + " (" + e.getMessage() + ")";
      }
    }
    if (why != null) {
      throw new ConfException(
          "output.dir: cannot create " + dir + ": " + why + "; nothing was written");
    }
  }
}
