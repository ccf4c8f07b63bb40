package gradgrid.job.sql;

/** Spark's own messages for failures, shortened for a one-paragraph error. */
public final class SparkMessages {
  private SparkMessages() {}

  /**
   * Spark's own message for a failed query, without the logical plan that analysis errors append.
   *
   * @param e the failure
   * @return the message
   */
  public static String message(Throwable e) {
    if (e instanceof org.apache.spark.sql.AnalysisException a) {
      return a.getSimpleMessage();
    }
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
