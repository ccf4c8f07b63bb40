package gradgrid.job.sql;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.store.FinishedOutput;
import gradgrid.job.store.MetaFile;
import gradgrid.job.store.OutputPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One sweep's Parquet output and the view name it is registered under.
 *
 * @param name the view name, a plain SQL identifier
 * @param location the output directory as a Hadoop path string
 */
public record SweepOutput(String name, String location) {
  /** Suffix of the directory (and view) holding a sweep's critical points. */
  public static final String EXTREMA_SUFFIX = "-extrema";

  /**
   * The output of a loaded sweep conf.
   *
   * @param conf the conf file (its base name names the view)
   * @param spec the sweep it defines
   * @return the output
   */
  public static SweepOutput of(Path conf, SweepSpec spec) {
    return new SweepOutput(viewName(conf.getFileName().toString()), spec.output());
  }

  /**
   * The view name for a conf file or directory name: the base name without {@code .conf}, every
   * character other than a letter, digit or underscore replaced by {@code _}, prefixed with {@code
   * _} if it would start with a digit.
   *
   * @param fileName for example {@code seed-coefficients.conf}
   * @return for example {@code seed_coefficients}
   */
  public static String viewName(String fileName) {
    String base = fileName.replaceFirst("\\.conf$", "").replaceAll("[^A-Za-z0-9_]", "_");
    return base.isEmpty() || Character.isDigit(base.charAt(0)) ? "_" + base : base;
  }

  /**
   * The sibling output where {@code extrema} saves the critical points of this sweep.
   *
   * @return the extrema output, named {@code <name>_extrema}
   */
  public SweepOutput extrema() {
    String loc = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return new SweepOutput(name + "_extrema", loc + EXTREMA_SUFFIX);
  }

  /**
   * Whether the directory exists at all.
   *
   * @param spark the session (for the Hadoop configuration)
   * @return true if it exists
   */
  public boolean exists(SparkSession spark) {
    try {
      OutputPaths p = paths(spark);
      return p.fs().exists(p.dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + location, e);
    }
  }

  /**
   * Reads the output after checking it against its manifest ({@link FinishedOutput}).
   *
   * @param spark the session
   * @return the rows
   * @throws ConfException if there is no finished output there, or its files do not match its
   *     manifest
   */
  public Dataset<Row> read(SparkSession spark) {
    return spark.read().parquet(located(spark).toString());
  }

  /**
   * The summary of the finished output: the JSON text gradgrid wrote with it ({@link MetaFile}).
   *
   * @param spark the session (for the Hadoop configuration)
   * @return the JSON text
   * @throws ConfException as {@link #read}, or if the output has no summary
   */
  public String summary(SparkSession spark) {
    org.apache.hadoop.fs.Path dir = located(spark);
    String json;
    try {
      json = MetaFile.read(paths(spark).fs(), dir, MetaFile.SUMMARY);
    } catch (IOException e) {
      throw new ConfException(
          "sweep '" + name + "': its summary cannot be read: " + e.getMessage());
    }
    if (json == null) {
      throw new ConfException(
          "sweep '" + name + "': " + display() + " has no summary (only a sweep writes one)");
    }
    return json.strip();
  }

  /** The directory of the finished output, checked against its manifest. */
  private org.apache.hadoop.fs.Path located(SparkSession spark) {
    try {
      return FinishedOutput.locate(paths(spark));
    } catch (ConfException e) {
      throw new ConfException("sweep '" + name + "': " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + location, e);
    }
  }

  /**
   * Reads the output and registers it as the temporary view {@link #name()}.
   *
   * @param spark the session
   * @return the rows
   * @throws ConfException as {@link #read}
   */
  public Dataset<Row> register(SparkSession spark) {
    Dataset<Row> data = read(spark);
    data.createOrReplaceTempView(name);
    return data;
  }

  /**
   * The location as messages show it: a plain path when it is local.
   *
   * @return the path or URI
   */
  public String display() {
    return OutputPaths.display(new org.apache.hadoop.fs.Path(location));
  }

  /**
   * The output's paths on its file system.
   *
   * @param spark the session (for the Hadoop configuration)
   * @return the paths
   * @throws IOException if the file system cannot be reached
   */
  public OutputPaths paths(SparkSession spark) throws IOException {
    return OutputPaths.of(location, spark.sparkContext().hadoopConfiguration());
  }
}
