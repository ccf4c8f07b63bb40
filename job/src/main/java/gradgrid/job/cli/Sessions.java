package gradgrid.job.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The session the sweep and the result commands (sql, plot, extrema) run in. */
public final class Sessions {
  private Sessions() {}

  /** Spark's warehouse setting; a static conf, so it must be set before the first session. */
  public static final String WAREHOUSE = "spark.sql.warehouse.dir";

  private static final String APP_NAME = "spark.app.name";

  /** spark-submit names an application after its main class when no name is given. */
  private static final String CLI_PACKAGE = Sessions.class.getPackageName() + ".";

  /**
   * A builder for gradgrid's sessions: the master given by spark-submit, or {@code local[*]}; the
   * application name given by spark-submit ({@code --name}, {@code spark.app.name}), or {@code
   * appName} when it gave none (spark-submit's fallback is the main class's name); and unless
   * spark-submit sets it, a scratch {@link #WAREHOUSE} under {@code java.io.tmpdir}, so no {@code
   * spark-warehouse/} appears in the working directory.
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
    if (!given.contains(WAREHOUSE)) {
      b.config(WAREHOUSE, ScratchWarehouse.get().toUri().toString());
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
    return builder(appName).getOrCreate();
  }
}
