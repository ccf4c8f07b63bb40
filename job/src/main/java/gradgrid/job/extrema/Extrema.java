package gradgrid.job.extrema;

import gradgrid.job.criticals.Bracket;
import gradgrid.job.criticals.CriticalPoint;
import gradgrid.job.criticals.Newton;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The extrema stage: brackets from Spark, Newton on the driver, the result as a Dataset. */
public final class Extrema {
  /** The saved and printed columns. */
  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("x", DataTypes.DoubleType, false),
              DataTypes.createStructField("f", DataTypes.DoubleType, false),
              DataTypes.createStructField("d2f_dx2", DataTypes.DoubleType, false),
              DataTypes.createStructField("df_dx", DataTypes.DoubleType, false),
              DataTypes.createStructField("kind", DataTypes.StringType, false),
              DataTypes.createStructField("counted", DataTypes.BooleanType, false)));

  private Extrema() {}

  /**
   * Finds and refines every critical point.
   *
   * @param data the sweep's rows
   * @param x the x column
   * @param d the f' column
   * @param fn f, f', f'' of x
   * @param buckets the x buckets for the window
   * @return the points, ordered by x
   */
  public static List<CriticalPoint> find(
      Dataset<Row> data, String x, String d, SweepFunction fn, int buckets) {
    List<CriticalPoint> out = new ArrayList<>();
    for (Bracket b : SignChanges.find(data, x, d, buckets)) {
      double r = Newton.refine(fn::d1, fn::d2, b);
      double g = fn.d1(r);
      out.add(new CriticalPoint(r, fn.f(r), g, fn.d2(r), Math.abs(g) < Newton.TOLERANCE));
    }
    return out;
  }

  /**
   * The points as a Dataset with {@link #SCHEMA}.
   *
   * @param spark the session
   * @param points the points
   * @return the rows
   */
  public static Dataset<Row> toDataset(SparkSession spark, List<CriticalPoint> points) {
    List<Row> rows = new ArrayList<>();
    for (CriticalPoint p : points) {
      rows.add(RowFactory.create(p.x(), p.f(), p.d2(), p.d1(), p.kind(), p.counted()));
    }
    return spark.createDataFrame(rows, SCHEMA).coalesce(1);
  }
}
