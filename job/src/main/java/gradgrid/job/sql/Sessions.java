package gradgrid.job.sql;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The session the result commands (sql, plot, extrema) run in. */
public final class Sessions {
  private Sessions() {}

  /**
   * Gets or creates the session: the master given by spark-submit, or {@code local[*]}.
   *
   * @param appName the application name
   * @return the session
   */
  public static SparkSession build(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (!new SparkConf().contains("spark.master")) {
      b.master("local[*]");
    }
    return b.getOrCreate();
  }

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
