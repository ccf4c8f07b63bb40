package gradgrid.job.parquet;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Checks the output directory before anything runs: {@code error} mode refuses an existing path;
 * {@code overwrite} replaces only a directory that holds a gradgrid summary ({@link
 * SweepSummary#FILE_NAME}), so a mistyped path never deletes someone else's files.
 */
public final class OutputGuard {
  private OutputGuard() {}

  /**
   * Throws if the sweep may not write to its output. Remote outputs (hdfs://, s3a://) are left to
   * Spark's own existence check.
   *
   * @param spec the sweep
   * @throws ConfException naming {@code output.dir} and the reason
   */
  public static void check(SweepSpec spec) {
    Path dir = spec.localOutput();
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    if (spec.mode() == WriteMode.ERROR) {
      throw new ConfException(
          "output.dir: "
              + dir
              + " already exists; nothing was written. Choose another output.dir, delete it,"
              + " or set output.mode = overwrite");
    }
    if (!Files.isDirectory(dir)) {
      throw new ConfException("output.dir: " + dir + " is a file; refusing to overwrite it");
    }
    if (!isEmpty(dir) && !Files.exists(dir.resolve(SweepSummary.FILE_NAME))) {
      throw new ConfException(
          "output.dir: "
              + dir
              + " is not empty and was not written by gradgrid (no "
              + SweepSummary.FILE_NAME
              + "); refusing to overwrite it, nothing was deleted");
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new ConfException("output.dir: cannot list " + dir + ": " + e.getMessage());
    }
  }
}
