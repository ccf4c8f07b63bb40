package gradgrid.job.sql;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepConfLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Finds sweep outputs (from the sweep confs in a directory, or the sub-directories of an output
 * directory) and registers the finished ones as temporary views.
 */
public final class SweepCatalog {
  /** Spark's properties file (not HOCON), which lives beside the sweep confs in {@code conf/}. */
  public static final String SPARK_DEFAULTS = "spark-defaults.conf";

  private SweepCatalog() {}

  /**
   * The outputs of the sweep confs in a directory, in file-name order. Files that are not sweep
   * confs (no {@code function} key) and Spark's own {@value #SPARK_DEFAULTS} are passed over; a
   * {@code .conf} file that is not valid HOCON, and a sweep conf that does not load, are reported
   * on {@code err} and passed over.
   *
   * @param confDir the directory, usually {@code conf/}
   * @param loader the conf loader
   * @param err where notes go
   * @return the outputs, with their sibling extrema outputs
   */
  public static List<SweepOutput> fromConfs(Path confDir, SweepConfLoader loader, PrintStream err) {
    List<SweepOutput> out = new ArrayList<>();
    for (Path conf : list(confDir)) {
      String file = conf.getFileName().toString();
      if (!file.endsWith(".conf") || file.equals(SPARK_DEFAULTS)) {
        continue;
      }
      try {
        if (loader.read(conf).hasPath("function")) {
          SweepOutput o = SweepOutput.of(conf, loader.load(conf));
          out.add(o);
          out.add(o.extrema());
        }
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
    out.sort(Comparator.comparing(SweepOutput::name).thenComparing(SweepOutput::location));
    return out;
  }

  /**
   * Registers every finished output as a view, each on its own: an output that cannot be registered
   * is a one-line note on {@code err} ({@code note: view 'x' skipped: <reason>}) and the others
   * still are. A missing directory is a note; a directory that is not a finished output (no
   * manifest, or files that do not match it) is refused because that sweep did not finish; one
   * whose files Spark cannot read (an unreadable directory, a corrupt Parquet footer) is skipped
   * with Spark's reason. When two outputs map to the same view name (Spark's view names ignore
   * case), the first in order keeps it and the note names both locations. Missing extrema outputs
   * pass silently (they are optional).
   *
   * @param spark the session
   * @param outputs the candidates
   * @param err where notes go
   * @return the registered outputs, and the reason for each skipped one
   */
  public static Views register(SparkSession spark, List<SweepOutput> outputs, PrintStream err) {
    List<SweepOutput> done = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, SweepOutput> byName = new HashMap<>();
    for (SweepOutput o : outputs) {
      boolean optional = o.location().endsWith(SweepOutput.EXTREMA_SUFFIX);
      SweepOutput owner = byName.get(o.name().toLowerCase(Locale.ROOT));
      try {
        if (!o.exists(spark)) {
          if (!optional) {
            skipped(err, skipped, o, o.display() + " not found");
          }
        } else if (owner != null) {
          skipped(
              err,
              skipped,
              o,
              o.display()
                  + " maps to the same view name as "
                  + owner.display()
                  + ", which has the view; rename one of them");
        } else {
          o.register(spark);
          done.add(o);
          byName.put(o.name().toLowerCase(Locale.ROOT), o);
        }
      } catch (ConfException e) {
        skipped(err, skipped, o, e.getMessage());
      } catch (Exception e) { // Spark throws its checked SparkException undeclared
        skipped(
            err, skipped, o, o.display() + " cannot be read: " + firstLine(Sessions.message(e)));
      }
    }
    return new Views(done, skipped);
  }

  /**
   * What {@link #register} did.
   *
   * @param registered the outputs registered as views, in order
   * @param skipped why each output that is not a view was skipped, by its view name in lower case
   *     (the first reason for a name)
   */
  public record Views(List<SweepOutput> registered, Map<String, String> skipped) {}

  private static void skipped(
      PrintStream err, Map<String, String> skipped, SweepOutput o, String reason) {
    err.println("note: view '" + o.name() + "' skipped: " + reason);
    skipped.putIfAbsent(o.name().toLowerCase(Locale.ROOT), reason);
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
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
