package gradgrid.job.cli;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark Connect client, run by {@link ConnectServerTest} in a JVM of its own whose classpath
 * holds the Spark Connect JVM client instead of Spark's classic SQL: it connects, queries a global
 * view and the {@code gradgrid} data source, and prints one line per result.
 */
public final class ConnectClientProbe {
  private ConnectClientProbe() {}

  /**
   * Connects and queries.
   *
   * @param args the server's {@code sc://} URL, a SQL query, a sweep conf path for the data source
   */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
    try {
      System.out.println("session " + spark.getClass().getName());
      for (Row r : spark.sql(args[1]).collectAsList()) {
        System.out.println("sql " + r.mkString(","));
      }
      long n =
          spark.read().format("gradgrid").option("conf", args[2]).load().where("x < 0").count();
      System.out.println("source " + n);
    } finally {
      spark.stop();
    }
  }
}
