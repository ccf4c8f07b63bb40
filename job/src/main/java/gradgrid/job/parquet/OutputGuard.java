package gradgrid.job.parquet;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Decides whether a sweep may write its output directory. {@code error} mode refuses an existing
 * path; {@code overwrite} replaces only a directory gradgrid wrote (it holds {@link
 * SweepSummary#FILE_NAME} or {@link #IN_PROGRESS}), so a mistyped path never deletes someone else's
 * files. {@code /}, the user's home and the working directory (or any directory above it) are never
 * replaced, whatever they hold.
 */
public final class OutputGuard {
  /**
   * Written into the output directory before any row, removed after the summary: while it is there
   * the output is unfinished (readers refuse it) and is known to be gradgrid's (overwrite may
   * replace it).
   */
  public static final String IN_PROGRESS = "_gradgrid_in_progress";

  private OutputGuard() {}

  /**
   * Checks a local output before Spark starts: existence and write mode, ownership, protected
   * directories, and that the directory can be created. Remote outputs (hdfs://, s3a://) are
   * checked by {@link #check(FileSystem, org.apache.hadoop.fs.Path, WriteMode)} when the sweep
   * writes.
   *
   * @param spec the sweep
   * @throws ConfException naming {@code output.dir} and the reason; nothing is changed
   */
  public static void check(SweepSpec spec) {
    Path dir = spec.localOutput();
    if (dir == null) {
      return;
    }
    dir = dir.toAbsolutePath().normalize();
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      checkCreatable(dir);
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
    String protectedWhy = protectedReason(dir);
    if (protectedWhy != null) {
      throw new ConfException(
          "output.dir: "
              + dir
              + " is "
              + protectedWhy
              + "; gradgrid never overwrites it, nothing was deleted. Use a directory of its own,"
              + " such as out/<name>");
    }
    if (!isEmpty(dir)
        && !Files.exists(dir.resolve(SweepSummary.FILE_NAME))
        && !Files.exists(dir.resolve(IN_PROGRESS))) {
      throw notOurs(dir.toString());
    }
    if (!Files.isWritable(dir)) {
      throw new ConfException("output.dir: " + dir + " is not writable; nothing was written");
    }
  }

  /**
   * The same rules on any Hadoop file system, applied just before writing (remote outputs have had
   * no earlier check).
   *
   * @param fs the output's file system
   * @param dir the output directory
   * @param mode the write mode
   * @return true if {@code dir} exists and may be replaced
   * @throws IOException if the file system cannot be read
   * @throws ConfException if the sweep may not write there
   */
  public static boolean check(FileSystem fs, org.apache.hadoop.fs.Path dir, WriteMode mode)
      throws IOException {
    if (!fs.exists(dir)) {
      return false;
    }
    if (mode == WriteMode.ERROR) {
      throw new ConfException(
          "output.dir: " + dir + " already exists; nothing was written (output.mode = error)");
    }
    FileStatus status = fs.getFileStatus(dir);
    if (!status.isDirectory() || dir.isRoot()) {
      throw new ConfException("output.dir: refusing to overwrite " + dir + "; nothing was deleted");
    }
    if (fs.listStatus(dir).length > 0
        && !fs.exists(new org.apache.hadoop.fs.Path(dir, SweepSummary.FILE_NAME))
        && !fs.exists(new org.apache.hadoop.fs.Path(dir, IN_PROGRESS))) {
      throw notOurs(dir.toString());
    }
    return true;
  }

  private static ConfException notOurs(String dir) {
    return new ConfException(
        "output.dir: "
            + dir
            + " is not empty and was not written by gradgrid (no "
            + SweepSummary.FILE_NAME
            + " or "
            + IN_PROGRESS
            + "); refusing to overwrite it, nothing was deleted");
  }

  /** Why a directory must never be replaced, or null. */
  private static String protectedReason(Path dir) {
    if (dir.getParent() == null) {
      return "the file system root";
    }
    Path home = Path.of(System.getProperty("user.home", "/")).toAbsolutePath().normalize();
    if (dir.equals(home)) {
      return "your home directory";
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (cwd.startsWith(dir)) {
      return "the working directory or a directory above it";
    }
    return null;
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

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new ConfException("output.dir: cannot list " + dir + ": " + e.getMessage());
    }
  }
}
