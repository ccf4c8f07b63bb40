package gradgrid.job.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The session the sweep and the result commands (sql, plot, extrema) run in. */
public final class Sessions {
  private Sessions() {}

  /** Spark's warehouse setting; a static conf, so it must be set before the first session. */
  public static final String WAREHOUSE = "spark.sql.warehouse.dir";

  /** Spark's switch for event logs (what the history server reads). */
  public static final String EVENT_LOG = "spark.eventLog.enabled";

  /** Where Spark writes event logs; gradgrid's default is {@link EventLogDir}. */
  public static final String EVENT_LOG_DIR = "spark.eventLog.dir";

  /**
   * A builder for gradgrid's sessions: the master given by spark-submit, or {@code local[*]}, and
   * unless spark-submit sets it, a scratch {@link #WAREHOUSE} under {@code java.io.tmpdir}, so no
   * {@code spark-warehouse/} appears in the working directory; with event logs on and no directory
   * given, the {@link EventLogDir}.
   *
   * @param appName the application name
   * @return the builder
   */
  public static SparkSession.Builder builder(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    SparkConf given = new SparkConf();
    if (!given.contains("spark.master")) {
      b.master("local[*]");
    }
    if (!given.contains(WAREHOUSE)) {
      b.config(WAREHOUSE, ScratchWarehouse.get().toUri().toString());
    }
    if (given.getBoolean(EVENT_LOG, false) && !given.contains(EVENT_LOG_DIR)) {
      b.config(EVENT_LOG_DIR, EventLogDir.get().toUri().toString());
    }
    return b;
  }

  /**
   * Gets or creates the session of {@link #builder}; with the Spark UI on ({@code --conf
   * spark.ui.enabled=true}) says on stderr where it is, as Spark's own log line goes to the log
   * file only.
   *
   * @param appName the application name
   * @return the session
   */
  public static SparkSession build(String appName) {
    SparkSession spark = builder(appName).getOrCreate();
    scala.Option<String> ui = spark.sparkContext().uiWebUrl();
    if (ui.isDefined()) {
      System.err.println("gradgrid: Spark UI at " + ui.get() + " while this command runs");
    }
    if (spark.sparkContext().isEventLogEnabled()) {
      System.err.println(
          "gradgrid: event log of "
              + spark.sparkContext().applicationId()
              + " in "
              + spark.sparkContext().getConf().get(EVENT_LOG_DIR, ""));
    }
    return spark;
  }
}
