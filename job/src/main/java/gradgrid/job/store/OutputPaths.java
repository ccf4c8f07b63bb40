package gradgrid.job.store;

import gradgrid.job.conf.ConfException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * Where an output and its run's working files live. Everything but the output itself sits beside it
 * in the parent directory under hidden names that start with {@code .<name>.gradgrid-}: the lock
 * file, each run's staging directory, and an old output moved aside while a new one is published.
 *
 * @param fs the output's file system
 * @param dir the output directory, qualified
 */
public record OutputPaths(FileSystem fs, Path dir) {
  /**
   * The paths of an output on the file system its location names.
   *
   * @param location a Hadoop path string (see {@code SweepSpec#output})
   * @param conf the Hadoop configuration
   * @return the paths
   * @throws ConfException if the location is the root, which has no parent for the run's files
   * @throws IOException if the file system cannot be reached
   */
  public static OutputPaths of(String location, Configuration conf) throws IOException {
    Path p = new Path(location);
    FileSystem fs;
    try {
      fs = p.getFileSystem(conf);
    } catch (UnsupportedFileSystemException e) {
      throw new ConfException(
          "output.dir: "
              + location
              + ": no file system for this scheme here ("
              + e.getMessage()
              + ")");
    }
    Path dir = fs.makeQualified(p);
    if (dir.isRoot()) {
      throw new ConfException(
          "output.dir: "
              + display(dir)
              + " is the file system root; gradgrid never writes or replaces it, nothing was"
              + " deleted. Use a directory of its own, such as out/<name>");
    }
    return new OutputPaths(fs, dir);
  }

  /**
   * A path as messages show it: a plain local path for the local file system, else the URI.
   *
   * @param p a qualified path
   * @return the text for a message
   */
  public static String display(Path p) {
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
  }

  /** The directory that holds the output and its working files. */
  Path parent() {
    return dir.getParent();
  }

  private String prefix() {
    return "." + dir.getName() + ".gradgrid-";
  }

  /** The file whose lock a run holds from start to end. */
  Path lockFile() {
    return new Path(parent(), prefix() + "lock");
  }

  /** Where run {@code runId} writes before it publishes. */
  Path staging(String runId) {
    return new Path(parent(), prefix() + "run-" + runId);
  }

  /** Where run {@code runId} moves the old output while it moves its own in. */
  Path aside(String runId) {
    return new Path(parent(), prefix() + "old-" + runId);
  }

  /** The staging directories of every run, oldest run id first. */
  List<Path> stagings() throws IOException {
    return siblings().stagings();
  }

  /**
   * The staging directories and the old outputs moved aside, from one listing of the parent.
   *
   * @param stagings every run's staging directory, oldest run id first
   * @param asides old outputs moved aside by a publish that did not get to delete them, oldest
   *     first
   */
  record Siblings(List<Path> stagings, List<Path> asides) {}

  /** Lists the parent once for {@link Siblings}; none when the parent does not exist. */
  Siblings siblings() throws IOException {
    List<Path> stagings = new ArrayList<>();
    List<Path> asides = new ArrayList<>();
    FileStatus[] all;
    try {
      all = fs.listStatus(parent());
    } catch (FileNotFoundException e) {
      return new Siblings(stagings, asides);
    }
    String run = prefix() + "run-";
    String old = prefix() + "old-";
    for (FileStatus s : all) {
      String n = s.getPath().getName();
      if (s.isDirectory() && n.startsWith(run)) {
        stagings.add(s.getPath());
      } else if (s.isDirectory() && n.startsWith(old)) {
        asides.add(s.getPath());
      }
    }
    stagings.sort(null);
    asides.sort(null);
    return new Siblings(stagings, asides);
  }

  /** The run id of a staging or aside directory ({@code run-} and {@code old-} are four long). */
  String runIdOf(Path p) {
    return p.getName().substring(prefix().length() + 4);
  }
}
