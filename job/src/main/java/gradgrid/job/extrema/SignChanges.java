package gradgrid.job.extrema;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;

import gradgrid.job.criticals.Bracket;
import gradgrid.job.criticals.SignRule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Sign changes of f' between neighbouring grid points, found in Spark with a window over x (see the
 * package overview for the bucket and neighbour scheme). Only the brackets reach the driver, plus
 * two rows per bucket.
 */
public final class SignChanges {
  private static final StructType ROWS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("b", DataTypes.IntegerType, false),
              DataTypes.createStructField("x", DataTypes.DoubleType, false),
              DataTypes.createStructField("d", DataTypes.DoubleType, true),
              DataTypes.createStructField("ghost", DataTypes.BooleanType, false)));

  private SignChanges() {}

  /**
   * Finds the brackets.
   *
   * @param data the sweep's rows
   * @param x the x column
   * @param d the f' column
   * @param buckets how many x buckets (window partitions) to cut the rows into
   * @return the brackets, ordered by x
   */
  public static List<Bracket> find(Dataset<Row> data, String x, String d, int buckets) {
    SparkSession spark = data.sparkSession();
    String xq = "`" + x + "`";
    Row range = data.selectExpr("min(" + xq + ")", "max(" + xq + ")").first();
    double x0 = range.getDouble(0);
    double x1 = range.getDouble(1);
    double width = x1 > x0 ? x1 - x0 : 1;
    String bucket =
        "LEAST("
            + (buckets - 1)
            + ", GREATEST(0, CAST(FLOOR(("
            + xq
            + " - ("
            + x0
            + ")) / "
            + width
            + " * "
            + buckets
            + ") AS INT)))";
    Dataset<Row> rows =
        data.select(
            expr(bucket).as("b"),
            col(x).as("x"),
            expr("CAST(`" + d + "` AS DOUBLE)").as("d"),
            lit(false).as("ghost"));
    Dataset<Row> withGhosts = rows.unionByName(ghosts(spark, rows));
    WindowSpec w = Window.partitionBy("b").orderBy("x");
    Dataset<Row> paired =
        withGhosts
            .select(
                col("x"),
                col("d"),
                col("ghost"),
                lag("x", 1).over(w).as("px"),
                lag("d", 1).over(w).as("pd"),
                lead("d", 1).over(w).as("nd"))
            .where("NOT ghost");
    List<Row> found =
        paired.where(SignRule.SQL).select("px", "x", "pd", "d").orderBy("x").collectAsList();
    List<Bracket> out = new ArrayList<>();
    for (Row r : found) {
      double dr = r.getDouble(3);
      if (dr == 0) {
        out.add(new Bracket(r.getDouble(1), r.getDouble(1), 0, 0));
      } else {
        out.add(new Bracket(r.getDouble(0), r.getDouble(1), r.getDouble(2), dr));
      }
    }
    return out;
  }

  /**
   * For each non-empty bucket, the last row of the previous non-empty bucket and the first row of
   * the next one, relabelled into this bucket and marked as ghosts.
   */
  private static Dataset<Row> ghosts(SparkSession spark, Dataset<Row> rows) {
    TreeMap<Integer, Row[]> ends = new TreeMap<>();
    for (Row r :
        rows.groupBy("b")
            .agg(expr("min(struct(x, d))").as("first"), expr("max(struct(x, d))").as("last"))
            .collectAsList()) {
      ends.put(r.getInt(0), new Row[] {r.getStruct(1), r.getStruct(2)});
    }
    List<Row> ghosts = new ArrayList<>();
    Integer prev = null;
    for (Integer b : ends.keySet()) {
      if (prev != null) {
        Row last = ends.get(prev)[1];
        Row first = ends.get(b)[0];
        ghosts.add(RowFactory.create(b, last.getDouble(0), value(last), true));
        ghosts.add(RowFactory.create(prev, first.getDouble(0), value(first), true));
      }
      prev = b;
    }
    return spark.createDataFrame(ghosts, ROWS);
  }

  private static Double value(Row r) {
    return r.isNullAt(1) ? null : r.getDouble(1);
  }
}
