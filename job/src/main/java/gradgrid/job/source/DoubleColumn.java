package gradgrid.job.source;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A non-null double column over a kernel's own {@code double[]} column, handed to Spark without a
 * copy. Valid until the task's next batch overwrites the array (Spark's contract for a batch).
 */
final class DoubleColumn extends ColumnVector {
  private double[] values;

  DoubleColumn() {
    super(DataTypes.DoubleType);
  }

  /**
   * Points the column at the current batch's values.
   *
   * @param values the column (at least as long as the batch)
   */
  void wrap(double[] values) {
    this.values = values;
  }

  @Override
  public double getDouble(int rowId) {
    return values[rowId];
  }

  @Override
  public boolean hasNull() {
    return false;
  }

  @Override
  public int numNulls() {
    return 0;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return false;
  }

  @Override
  public void close() {}

  @Override
  public boolean getBoolean(int rowId) {
    throw notDouble();
  }

  @Override
  public byte getByte(int rowId) {
    throw notDouble();
  }

  @Override
  public short getShort(int rowId) {
    throw notDouble();
  }

  @Override
  public int getInt(int rowId) {
    throw notDouble();
  }

  @Override
  public long getLong(int rowId) {
    throw notDouble();
  }

  @Override
  public float getFloat(int rowId) {
    throw notDouble();
  }

  @Override
  public ColumnarArray getArray(int rowId) {
    throw notDouble();
  }

  @Override
  public ColumnarMap getMap(int ordinal) {
    throw notDouble();
  }

  @Override
  public Decimal getDecimal(int rowId, int precision, int scale) {
    throw notDouble();
  }

  @Override
  public UTF8String getUTF8String(int rowId) {
    throw notDouble();
  }

  @Override
  public byte[] getBinary(int rowId) {
    throw notDouble();
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    throw notDouble();
  }

  private static UnsupportedOperationException notDouble() {
    return new UnsupportedOperationException("a gradgrid column holds doubles only");
  }
}
