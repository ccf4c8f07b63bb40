package gradgrid.job.testing;

import gradgrid.job.cli.Sessions;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession every test shares: {@link Sessions#builder}'s settings, local[2], no
 * UI, loopback only.
 */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  /**
   * The shared session, created on first use and stopped when the test JVM exits.
   *
   * @return the session
   */
  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          Sessions.builder("gradgrid-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }
}
