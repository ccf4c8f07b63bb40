package gradgrid.job.criticals;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark type of a {@code critical_points_<x>} column and the conversion of a {@link
 * CriticalPointSet} into its value: {@code struct<maxima: int, minima: int, x: array<double>, f:
 * array<double>, d2f_sign: array<int>, min_abs_d2f: double>}, {@code min_abs_d2f} null when the row
 * has no extremum.
 */
public final class CriticalPointsType {
  /** The struct type. */
  public static final StructType TYPE =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField("maxima", DataTypes.IntegerType, false),
            DataTypes.createStructField("minima", DataTypes.IntegerType, false),
            DataTypes.createStructField(
                "x", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(
                "f", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(
                "d2f_sign", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
            DataTypes.createStructField("min_abs_d2f", DataTypes.DoubleType, true)
          });

  private CriticalPointsType() {}

  /**
   * The struct value of one row.
   *
   * @param s the row's extrema
   * @return the value, in {@link #TYPE}'s field order
   */
  public static InternalRow toRow(CriticalPointSet s) {
    return new GenericInternalRow(
        new Object[] {
          s.maxima(),
          s.minima(),
          UnsafeArrayData.fromPrimitiveArray(s.x()),
          UnsafeArrayData.fromPrimitiveArray(s.f()),
          UnsafeArrayData.fromPrimitiveArray(s.d2fSign()),
          minAbsD2f(s)
        });
  }

  /**
   * The struct value of one row as a {@link Row} of the public API (for a {@code Dataset<Row>}).
   *
   * @param s the row's extrema
   * @return the value, in {@link #TYPE}'s field order
   */
  public static Row toExternalRow(CriticalPointSet s) {
    return RowFactory.create(s.maxima(), s.minima(), s.x(), s.f(), s.d2fSign(), minAbsD2f(s));
  }

  private static Double minAbsD2f(CriticalPointSet s) {
    return Double.isNaN(s.minAbsD2f()) ? null : s.minAbsD2f();
  }
}
