package gradgrid.job.store;

import gradgrid.job.conf.ConfException;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/**
 * Whether a run can create or replace an output, asked before anything is changed: the nearest
 * existing ancestor of a new output, and the parent of an output to be replaced (the new output is
 * moved in beside the old one), must be writable directories. On the local file system the
 * operating system answers ({@code access(2)}: read-only mounts, {@code chattr +i} and root's
 * rights included), elsewhere the file system's own {@link FileSystem#access}.
 */
final class Writability {
  private Writability() {}

  /**
   * Refuses a new output whose directory cannot be created.
   *
   * @param fs its file system
   * @param dir the output directory, which does not exist
   * @throws ConfException naming the reason; nothing is changed
   * @throws IOException if the file system cannot be read
   */
  static void requireCreatable(FileSystem fs, Path dir) throws IOException {
    Path p = dir.getParent();
    while (p != null && !fs.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return;
    }
    String why = whyNotWritableDirectory(fs, p);
    if (why != null) {
      throw new ConfException(
          "output.dir: cannot create "
              + OutputPaths.display(dir)
              + ": "
              + why
              + "; nothing was written");
    }
  }

  /**
   * Refuses to replace an output whose parent cannot take the new output beside it.
   *
   * @param fs its file system
   * @param dir the existing output directory
   * @throws ConfException naming the reason; nothing is changed
   * @throws IOException if the file system cannot be read
   */
  static void requireReplaceable(FileSystem fs, Path dir) throws IOException {
    Path parent = dir.getParent();
    String why = parent == null ? null : whyNotWritableDirectory(fs, parent);
    if (why != null) {
      throw new ConfException(
          "output.dir: "
              + OutputPaths.display(dir)
              + " cannot be replaced: "
              + why
              + " (the new output is moved in beside the old one); nothing was deleted");
    }
  }

  private static String whyNotWritableDirectory(FileSystem fs, Path p) throws IOException {
    FileStatus status = fs.getFileStatus(p);
    String shown = OutputPaths.display(p);
    if (!status.isDirectory()) {
      return shown + " is a file, not a directory";
    }
    if ("file".equals(fs.getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(p.toUri().getPath());
      if (!Files.isWritable(local)) {
        return shown + " is not writable";
      }
      if (Files.getFileStore(local).isReadOnly()) {
        return shown + " is on a read-only file system";
      }
      return null;
    }
    try {
      fs.access(p, FsAction.WRITE);
      return null;
    } catch (AccessControlException e) {
      return shown + " is not writable (" + e.getMessage() + ")";
    }
  }
}
