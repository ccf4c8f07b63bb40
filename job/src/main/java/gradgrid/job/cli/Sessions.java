package gradgrid.job.cli;

import gradgrid.job.functions.GradgridFunctions;
import java.nio.file.Path;
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
   * How deep Spark looks for a fatal error in a failed task before it ends the executor JVM (exit
   * code 52 for an {@code OutOfMemoryError}).
   */
  public static final String KILL_ON_FATAL_DEPTH = "spark.executor.killOnFatalError.depth";

  private static final String APP_NAME = "spark.app.name";

  /** spark-submit names an application after its main class when no name is given. */
  private static final String CLI_PACKAGE = Sessions.class.getPackageName() + ".";

  /**
   * A builder for gradgrid's sessions: the master given by spark-submit, or {@code local[*]}; the
   * application name given by spark-submit ({@code --name}, {@code spark.app.name}), or {@code
   * appName} when it gave none (spark-submit's fallback is the main class's name); unless
   * spark-submit sets it, a scratch {@link #WAREHOUSE} under {@code java.io.tmpdir}, so no {@code
   * spark-warehouse/} appears in the working directory; with event logs on and no directory given,
   * the {@link EventLogDir}. With a local master the executor is the command's own JVM, so a task
   * that runs out of memory anywhere (in Spark's writer too) fails as a task ({@link
   * #KILL_ON_FATAL_DEPTH} 0) and the command ends with its one paragraph and exit 1, instead of
   * Spark ending the JVM with exit code 52; a cluster's executors keep Spark's default (the
   * executor is replaced, the task retried).
   *
   * @param appName the application name unless spark-submit gives one
   * @return the builder
   */
  public static SparkSession.Builder builder(String appName) {
    SparkSession.Builder b = SparkSession.builder();
    SparkConf given = new SparkConf();
    String name = given.get(APP_NAME, "");
    if (name.isEmpty() || name.startsWith(CLI_PACKAGE)) {
      b.appName(appName);
    }
    if (!given.contains("spark.master")) {
      b.master("local[*]");
    }
    String master = given.get("spark.master", "local");
    boolean inProcess = master.equals("local") || master.startsWith("local[");
    if (inProcess && !given.contains(KILL_ON_FATAL_DEPTH)) {
      b.config(KILL_ON_FATAL_DEPTH, 0);
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
   * Registers gradgrid's SQL functions as the catalog {@value GradgridFunctions#NAME} ({@code
   * SELECT gradgrid.seed.df_dx(x, alpha, beta) FROM t}), with the functions of the sweep confs in
   * {@code confDir}, unless the user's Spark conf registers that catalog name itself.
   *
   * @param b a builder
   * @param confDir the directory of sweep confs
   * @return the builder
   */
  public static SparkSession.Builder withFunctions(SparkSession.Builder b, Path confDir) {
    String key = "spark.sql.catalog." + GradgridFunctions.NAME;
    SparkConf given = new SparkConf();
    if (!given.contains(key)) {
      b.config(key, GradgridFunctions.class.getName());
      if (!given.contains(key + "." + GradgridFunctions.CONFS)) {
        b.config(key + "." + GradgridFunctions.CONFS, confDir.toString());
      }
    }
    return b;
  }

  /**
   * Gets or creates the session of {@link #builder}.
   *
   * @param appName the application name
   * @return the session
   */
  public static SparkSession build(String appName) {
    return start(builder(appName));
  }

  /**
   * Gets or creates a session; with the Spark UI on ({@code --conf spark.ui.enabled=true}) says on
   * stderr where it is, as Spark's own log line goes to the log file only, and where the event log
   * goes when there is one.
   *
   * @param b the builder
   * @return the session
   */
  public static SparkSession start(SparkSession.Builder b) {
    SparkSession spark = b.getOrCreate();
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
