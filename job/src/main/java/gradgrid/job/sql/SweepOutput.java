package gradgrid.job.sql;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.parquet.OutputGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One sweep's Parquet output and the view name it is registered under.
 *
 * @param name the view name, a plain SQL identifier
 * @param location the output directory as a URI or path Spark understands
 */
public record SweepOutput(String name, String location) {
  /** Spark's commit marker, written when every task of the write has committed. */
  public static final String SUCCESS = "_SUCCESS";

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
    return test(spark, new org.apache.hadoop.fs.Path(location));
  }

  /**
   * Whether the sweep finished: Spark committed the write ({@value #SUCCESS} is present) and
   * gradgrid wrote its summary (its {@link OutputGuard#IN_PROGRESS} marker is gone).
   *
   * @param spark the session (for the Hadoop configuration)
   * @return true if the sweep finished
   */
  public boolean finished(SparkSession spark) {
    return test(spark, new org.apache.hadoop.fs.Path(location, SUCCESS))
        && !test(spark, new org.apache.hadoop.fs.Path(location, OutputGuard.IN_PROGRESS));
  }

  /**
   * Reads the output after checking that it is there and finished.
   *
   * @param spark the session
   * @return the rows
   * @throws ConfException if the directory is missing or has no commit marker
   */
  public Dataset<Row> read(SparkSession spark) {
    if (!exists(spark)) {
      throw new ConfException(
          "sweep '" + name + "': " + location + " does not exist; run the sweep first");
    }
    if (!finished(spark)) {
      throw new ConfException(
          "sweep '"
              + name
              + "': "
              + location
              + " is not a finished sweep (no "
              + SUCCESS
              + " commit marker, or gradgrid's "
              + OutputGuard.IN_PROGRESS
              + " marker is still there): the sweep did not finish (or is still running);"
              + " run it again");
    }
    return spark.read().parquet(location);
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

  private static boolean test(SparkSession spark, org.apache.hadoop.fs.Path p) {
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + p, e);
    }
  }
}
