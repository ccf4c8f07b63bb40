package gradgrid.job.ui;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark jobs a piece of work starts ({@link SparkContext#setJobDescription}), for the
 * Spark UI, the event log and the history server, and puts the previous name back afterwards:
 *
 * <pre>{@code
 * JobDescription.run(spark, "sweep seed: evaluate and write", () -> SweepWriter.write(...));
 * }</pre>
 *
 * The name is a property of the calling thread, as in Spark.
 */
public final class JobDescription {
  /** Spark's local property behind {@link SparkContext#setJobDescription}. */
  static final String PROPERTY = "spark.job.description";

  /** The longest name kept; SQL text beyond it is cut with "...". */
  static final int MAX_LENGTH = 120;

  /**
   * Work that returns a value.
   *
   * @param <T> the value
   * @param <E> what it may throw
   */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    /**
     * Does the work.
     *
     * @return the value
     * @throws E as the work does
     */
    T get() throws E;
  }

  /**
   * Work that returns nothing.
   *
   * @param <E> what it may throw
   */
  @FunctionalInterface
  public interface Step<E extends Exception> {
    /**
     * Does the work.
     *
     * @throws E as the work does
     */
    void run() throws E;
  }

  private JobDescription() {}

  /**
   * Runs {@code work} with its Spark jobs named {@code description}.
   *
   * @param spark the session
   * @param description the name, for example {@code "extrema seed: find the critical points"}; line
   *     breaks and runs of spaces become one space, and it is cut to {@value #MAX_LENGTH}
   *     characters
   * @param work the work
   * @param <T> its value
   * @param <E> what it may throw
   * @return its value
   * @throws E as the work does
   */
  public static <T, E extends Exception> T call(
      SparkSession spark, String description, Work<T, E> work) throws E {
    SparkContext sc = spark.sparkContext();
    String previous = sc.getLocalProperty(PROPERTY);
    sc.setJobDescription(shorten(description));
    try {
      return work.get();
    } finally {
      sc.setLocalProperty(PROPERTY, previous);
    }
  }

  /**
   * Runs {@code step} with its Spark jobs named {@code description} (as {@link #call}).
   *
   * @param spark the session
   * @param description the name
   * @param step the work
   * @param <E> what it may throw
   * @throws E as the work does
   */
  public static <E extends Exception> void run(SparkSession spark, String description, Step<E> step)
      throws E {
    JobDescription.<Void, E>call(
        spark,
        description,
        () -> {
          step.run();
          return null;
        });
  }

  static String shorten(String description) {
    String s = description.strip().replaceAll("\\s+", " ");
    return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 3) + "...";
  }
}
