package gradgrid.job.sql;

import gradgrid.job.conf.ConfDir;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.frame.TableSweep;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.source.SweepRuns;
import gradgrid.job.store.Manifest;
import gradgrid.job.ui.JobDescription;
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
   * A sweep conf that loaded, with its sweep.
   *
   * @param conf the conf file
   * @param spec the sweep it defines
   */
  public record LoadedConf(Path conf, SweepSpec spec) {
    /**
     * The live view's name: the conf's view name with {@value #LIVE_SUFFIX}.
     *
     * @return for example {@code seed_live}
     */
    public String liveView() {
      return SweepOutput.viewName(conf.getFileName().toString()) + LIVE_SUFFIX;
    }
  }

  /** Suffix of the live views: the sweep read through the {@code gradgrid} source, not Parquet. */
  public static final String LIVE_SUFFIX = "_live";

  /**
   * The sweep confs in a directory, in file-name order. Files that are not sweep confs (no {@code
   * function} key) and Spark's own {@value ConfDir#SPARK_DEFAULTS} are passed over; a {@code .conf}
   * file that is not valid HOCON, and a sweep conf that does not load, are reported on {@code err}
   * and passed over.
   *
   * @param confDir the directory, usually {@code conf/}
   * @param loader the conf loader
   * @param err where notes go
   * @return the confs that loaded
   */
  public static List<LoadedConf> confs(Path confDir, SweepConfLoader loader, PrintStream err) {
    List<LoadedConf> out = new ArrayList<>();
    if (!Files.isDirectory(confDir)) {
      throw new ConfException("conf directory not found: " + confDir);
    }
    for (Path conf : ConfDir.files(confDir)) {
      try {
        if (loader.read(conf).hasPath("function")) {
          out.add(new LoadedConf(conf, loader.load(conf)));
        }
      } catch (ConfException e) {
        err.println("note: " + conf + " skipped: " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * The outputs of some sweep confs, each followed by its sibling extrema output.
   *
   * @param confs the confs
   * @return the outputs
   */
  public static List<SweepOutput> outputs(List<LoadedConf> confs) {
    List<SweepOutput> out = new ArrayList<>();
    for (LoadedConf c : confs) {
      SweepOutput o = SweepOutput.of(c.conf(), c.spec());
      out.add(o);
      out.add(o.extrema());
    }
    return out;
  }

  /**
   * Registers each conf's sweep, read through the {@code gradgrid} source, as the view {@link
   * LoadedConf#liveView()}: nothing is computed until a query reads it, and then only the rows and
   * columns the query needs. A name that is already taken (by a finished output's view) is a note.
   *
   * @param spark the session
   * @param confs the confs, loaded once (the source takes their sweeps as checked)
   * @param providers the registry the confs' functions came from
   * @param err where notes go
   * @return the names registered
   */
  public static List<String> registerLive(
      SparkSession spark, List<LoadedConf> confs, FunctionProviders providers, PrintStream err) {
    List<String> done = new ArrayList<>();
    for (LoadedConf c : confs) {
      String name = c.liveView();
      if (spark.catalog().tableExists(name)) {
        err.println("note: live view '" + name + "' skipped: the name is taken by another view");
        continue;
      }
      SweepSpec spec = c.spec();
      if (spec.table().isEmpty()) {
        SweepRuns.read(spark, spec, providers).createOrReplaceTempView(name);
      } else {
        try {
          TableSweep t = TableSweep.open(spark, spec);
          int cores = spark.sparkContext().defaultParallelism();
          t.read(providers.evaluator(spec), t.partitions(cores), null)
              .createOrReplaceTempView(name);
        } catch (ConfException e) {
          err.println("note: live view '" + name + "' skipped: " + e.getMessage());
          continue;
        }
      }
      done.add(name);
    }
    return done;
  }

  /**
   * Every sub-directory of an output directory that is a sweep's (or an extrema) output, named
   * after the sub-directory: one whose manifest lists a Parquet file, or, without a manifest, one
   * that holds Parquet files (an unfinished or damaged output, which {@link #register} reports). A
   * figures directory (its manifest lists only images) and any other directory are passed over
   * silently.
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
        if (s.isDirectory() && !n.startsWith(".") && !n.startsWith("_") && holdsRows(fs, s)) {
          out.add(new SweepOutput(SweepOutput.viewName(n), s.getPath().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(Comparator.comparing(SweepOutput::name).thenComparing(SweepOutput::location));
    return out;
  }

  /** Whether a directory is a Parquet output, finished or not (see {@link #fromDir}). */
  private static boolean holdsRows(FileSystem fs, FileStatus d) throws IOException {
    Manifest m;
    try {
      m = Manifest.read(fs, d.getPath());
    } catch (IOException e) {
      return true; // an unreadable manifest: register says so
    }
    if (m != null) {
      return m.files().stream().anyMatch(f -> f.name().endsWith(".parquet"));
    }
    for (FileStatus s : fs.listStatus(d.getPath())) {
      if (s.isFile() && s.getPath().getName().endsWith(".parquet")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Registers every finished output as a view, each on its own: an output that cannot be registered
   * is a one-line note on {@code err} ({@code note: view 'x' skipped: <reason>}) and the others
   * still are. A directory that is not a finished output (no manifest, or files that do not match
   * it) is refused because that sweep did not finish; one whose files Spark cannot read (an
   * unreadable directory, a corrupt Parquet footer) is skipped with Spark's reason. When two
   * outputs map to the same view name (Spark's view names ignore case), the first in order keeps it
   * and the note names both locations. An output that does not exist (a conf whose sweep has not
   * run, a missing extrema output) is no note: it is only recorded in {@link Views#skipped}, so a
   * query that reads its view is told why it is missing.
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
            skipped.putIfAbsent(
                o.name().toLowerCase(Locale.ROOT), o.display() + " not found; run its sweep first");
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
          JobDescription.call(spark, "sql: register view " + o.name(), () -> o.register(spark));
          done.add(o);
          byName.put(o.name().toLowerCase(Locale.ROOT), o);
        }
      } catch (ConfException e) {
        skipped(err, skipped, o, e.getMessage());
      } catch (Exception e) { // Spark throws its checked SparkException undeclared
        skipped(
            err,
            skipped,
            o,
            o.display() + " cannot be read: " + firstLine(SparkMessages.message(e)));
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
}
