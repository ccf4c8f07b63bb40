package gradgrid.job.ui;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark jobs a block of code starts ({@link SparkContext#setJobDescription}), for the
 * Spark UI, the event log and the history server, and restores the previous name when closed:
 *
 * <pre>{@code
 * try (JobDescription d = JobDescription.of(spark, "sweep seed: evaluate and write")) {
 *   ...
 * }
 * }</pre>
 *
 * The name is a property of the calling thread, as in Spark.
 */
public final class JobDescription implements AutoCloseable {
  /** Spark's local property behind {@link SparkContext#setJobDescription}. */
  static final String PROPERTY = "spark.job.description";

  /** The longest name kept; SQL text beyond it is cut with "...". */
  static final int MAX_LENGTH = 120;

  private final SparkContext sc;
  private final String previous;

  private JobDescription(SparkContext sc, String description) {
    this.sc = sc;
    this.previous = sc.getLocalProperty(PROPERTY);
    sc.setJobDescription(description);
  }

  /**
   * Names the jobs started from now until {@link #close}.
   *
   * @param spark the session
   * @param description the name, for example {@code "sweep seed: evaluate and write"}; line breaks
   *     and runs of spaces become one space, and it is cut to {@value #MAX_LENGTH} characters
   * @return the scope to close
   */
  public static JobDescription of(SparkSession spark, String description) {
    return new JobDescription(spark.sparkContext(), shorten(description));
  }

  static String shorten(String description) {
    String s = description.strip().replaceAll("\\s+", " ");
    return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 3) + "...";
  }

  /** Puts back the name that was set before, or none. */
  @Override
  public void close() {
    sc.setLocalProperty(PROPERTY, previous);
  }
}
