package gradgrid.job.store;

import gradgrid.job.conf.ConfException;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * The reader's side of the commit: where an output's finished data is, after checking the directory
 * against its manifest. Normally that is the output directory; if a publish was killed between its
 * two renames, it is the published run's directory beside it (the next run moves it into place).
 * Readers never write.
 */
public final class FinishedOutput {
  private FinishedOutput() {}

  /**
   * Locates a finished output.
   *
   * @param paths the output
   * @return the directory to read, checked against its manifest
   * @throws ConfException if there is no finished output, or its files do not match its manifest (a
   *     missing or truncated part file, an extra file, a Parquet footer that cannot be read or
   *     holds another row count)
   * @throws IOException if the file system cannot be read
   */
  public static Path locate(OutputPaths paths) throws IOException {
    if (paths.fs().exists(paths.dir())) {
      return verified(paths, paths.dir());
    }
    List<Path> stagings = paths.stagings();
    for (int i = stagings.size() - 1; i >= 0; i--) {
      if (Manifest.read(paths.fs(), stagings.get(i)) != null) {
        return verified(paths, stagings.get(i));
      }
    }
    throw new ConfException(
        OutputPaths.display(paths.dir()) + " does not exist; run the sweep first");
  }

  private static Path verified(OutputPaths paths, Path dir) throws IOException {
    Manifest m;
    try {
      m = Manifest.read(paths.fs(), dir);
    } catch (IOException e) {
      throw new ConfException(dir + " has an unreadable manifest: " + e.getMessage());
    }
    if (m == null) {
      throw new ConfException(
          OutputPaths.display(paths.dir())
              + " is not a finished output (no "
              + Manifest.FILE_NAME
              + "): its run did not finish, is still running, or it was not written by gradgrid;"
              + " run the sweep again");
    }
    String wrong = m.mismatch(paths.fs(), dir);
    if (wrong == null) {
      wrong = m.footerMismatch(paths.fs(), dir);
    }
    if (wrong != null) {
      throw new ConfException(
          OutputPaths.display(paths.dir())
              + " does not match its manifest ("
              + wrong
              + "); refusing to read it. Delete it and run the sweep again");
    }
    return dir;
  }
}
