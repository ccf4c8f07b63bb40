package gradgrid.job.store;

import gradgrid.job.conf.ConfException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Which existing directories gradgrid may replace: an empty one, or one that is exactly an output
 * gradgrid wrote (its manifest lists every file there, at its size). A directory holding anything
 * else, a copied summary or manifest included, is someone else's. The user's home and the working
 * directory (or any directory above it) are never replaced, whatever they hold; the root is no
 * output at all ({@link OutputPaths#of}).
 */
public final class Ownership {
  private Ownership() {}

  /**
   * Refuses to replace {@code dir} unless it is gradgrid's.
   *
   * @param fs its file system
   * @param dir the directory
   * @throws ConfException naming the reason; nothing is changed
   * @throws IOException if it cannot be read
   */
  public static void requireReplaceable(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    FileStatus status = fs.getFileLinkStatus(dir);
    if (status.isSymlink()) {
      throw refused(dir, "is a symbolic link");
    }
    if (!status.isDirectory()) {
      throw refused(dir, "is a file");
    }
    if ("file".equals(fs.getScheme())) {
      String why = protectedReason(Path.of(dir.toUri().getPath()));
      if (why != null) {
        throw refused(dir, "is " + why);
      }
    }
    if (fs.listStatus(dir).length == 0) {
      return;
    }
    Manifest m;
    try {
      m = Manifest.read(fs, dir);
    } catch (IOException e) {
      throw refused(dir, "has an unreadable manifest (" + e.getMessage() + ")");
    }
    if (m == null) {
      throw refused(
          dir,
          "is not empty and has no "
              + Manifest.FILE_NAME
              + ", so gradgrid did not write it (outputs of gradgrid before manifests existed"
              + " must be deleted by hand)");
    }
    String wrong = m.mismatch(fs, dir);
    if (wrong != null) {
      throw refused(dir, "does not match its manifest: " + wrong);
    }
  }

  private static ConfException refused(org.apache.hadoop.fs.Path dir, String why) {
    return new ConfException(
        "output.dir: "
            + OutputPaths.display(dir)
            + " "
            + why
            + "; gradgrid replaces only an empty directory or an output it wrote, nothing was"
            + " deleted. Use a directory of its own, such as out/<name>");
  }

  /**
   * Why a local directory must never be replaced, or null.
   *
   * @param dir an absolute local path
   * @return the reason, or null
   */
  static String protectedReason(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    Path home = Path.of(System.getProperty("user.home", "/")).toAbsolutePath().normalize();
    if (d.equals(home)) {
      return "your home directory";
    }
    if (Path.of("").toAbsolutePath().normalize().startsWith(d)) {
      return "the working directory or a directory above it";
    }
    return null;
  }
}
