import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The gradgrid source from a plain Spark session (the README's example): read a sweep conf as a
 * DataFrame, filter and prune it before anything is computed, join it with a table of your own.
 */
public class ReadSweep {
  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Dataset<Row> seed = spark.read().format("gradgrid").option("conf", "conf/seed.conf").load();
    seed.printSchema();
    // Only x, f and df_dx are built and compiled; only the 201 rows of [1, 3] are evaluated.
    seed.where("x BETWEEN 1 AND 3 AND abs(df_dx) < 0.05").select("x", "f", "df_dx").show(5);
    // A table of your own, joined on the axis (an equi-join matches grid values bit for bit).
    Dataset<Row> measured =
        spark.sql("SELECT * FROM VALUES (-3.0D, -7.1D), (0.0D, 0.6D), (2.5D, -0.9D) AS m(x, y)");
    measured.join(seed.select("x", "f"), "x").withColumn("residual", col("y").minus(col("f"))).show();
    spark.stop();
  }
}
