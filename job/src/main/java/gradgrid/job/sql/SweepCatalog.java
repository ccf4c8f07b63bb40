package gradgrid.job.sql;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepConfLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Finds sweep outputs (from the sweep confs in a directory, or the sub-directories of an output
 * directory) and registers the finished ones as temporary views.
 */
public final class SweepCatalog {
  private SweepCatalog() {}

  /**
   * The outputs of the sweep confs in a directory, in file-name order. Files that are not sweep
   * confs (no {@code function} key, such as {@code spark-defaults.conf}) are passed over; a sweep
   * conf that does not load is reported on {@code err} and passed over.
   *
   * @param confDir the directory, usually {@code conf/}
   * @param loader the conf loader
   * @param err where notes go
   * @return the outputs, with their sibling extrema outputs
   */
  public static List<SweepOutput> fromConfs(Path confDir, SweepConfLoader loader, PrintStream err) {
    List<SweepOutput> out = new ArrayList<>();
    for (Path conf : list(confDir)) {
      if (!conf.getFileName().toString().endsWith(".conf") || !isSweepConf(conf)) {
        continue;
      }
      try {
        SweepOutput o = SweepOutput.of(conf, loader.load(conf));
        out.add(o);
        out.add(o.extrema());
      } catch (ConfException e) {
        err.println("note: " + conf + " skipped: " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Every sub-directory of an output directory, named after the sub-directory.
   *
   * @param spark the session (for the Hadoop file system)
   * @param dir a local path or URI
   * @return the outputs, in name order
   */
  public static List<SweepOutput> fromDir(SparkSession spark, String dir) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
    List<SweepOutput> out = new ArrayList<>();
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) {
        throw new ConfException("--dir " + dir + ": not a directory");
      }
      for (FileStatus s : fs.listStatus(p)) {
        String n = s.getPath().getName();
        if (s.isDirectory() && !n.startsWith(".") && !n.startsWith("_")) {
          out.add(new SweepOutput(SweepOutput.viewName(n), s.getPath().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /**
   * Registers every finished output as a view; reports the others on {@code err}: a missing
   * directory is a note, a directory that is not a finished output (no manifest, or files that do
   * not match it) is refused because that sweep did not finish. Missing extrema outputs pass
   * silently (they are optional).
   *
   * @param spark the session
   * @param outputs the candidates
   * @param err where notes go
   * @return the registered outputs
   */
  public static List<SweepOutput> register(
      SparkSession spark, List<SweepOutput> outputs, PrintStream err) {
    List<SweepOutput> done = new ArrayList<>();
    for (SweepOutput o : outputs) {
      boolean optional = o.location().endsWith(SweepOutput.EXTREMA_SUFFIX);
      if (!o.exists(spark)) {
        if (!optional) {
          err.println("note: view " + o.name() + " not registered: " + o.location() + " not found");
        }
        continue;
      }
      try {
        o.register(spark);
        done.add(o);
      } catch (ConfException e) {
        err.println("note: view " + o.name() + " not registered: " + e.getMessage());
      }
    }
    return done;
  }

  private static boolean isSweepConf(Path conf) {
    try {
      return ConfigFactory.parseFile(conf.toFile()).hasPath("function");
    } catch (ConfigException e) {
      return false;
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfException("conf directory not found: " + dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
