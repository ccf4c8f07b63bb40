package gradgrid.job.functions;

import gradgrid.ad.Param;
import gradgrid.job.parquet.SweepSchema;
import gradgrid.job.run.EvaluatorFactory;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * An output that is a vector ({@code array<double>}: a gradient, eigenvalues) or a matrix ({@code
 * array<array<double>>}, a list of rows: a Hessian block) per row, as the sweep's column of that
 * output. Its {@code invoke} methods cover the same signatures as {@link ScalarOutput}'s.
 *
 * <p>Public because Spark's generated code calls {@code invoke} on it.
 */
public final class ArrayOutput extends BoundOutput<ArrayData> {
  private static final long serialVersionUID = 1L;

  private final int[] dims;

  /**
   * Binds an output.
   *
   * @param canonicalName {@code gradgrid.<function>.<output>}
   * @param name the output's name
   * @param params the function's parameters
   * @param args the arguments' types as bound
   * @param dims {@code [n]} or {@code [m, n]}
   * @param factory the evaluator of this output
   */
  ArrayOutput(
      String canonicalName,
      String name,
      List<Param> params,
      StructType args,
      int[] dims,
      EvaluatorFactory factory) {
    super(canonicalName, name, params, args, factory);
    this.dims = dims.clone();
  }

  @Override
  public DataType resultType() {
    return SweepSchema.valueType(dims.length);
  }

  @Override
  ArrayData result(Buffers b) {
    if (dims.length == 1) {
      return UnsafeArrayData.fromPrimitiveArray(row(b.out, 0, dims[0]));
    }
    ArrayData[] rows = new ArrayData[dims[0]];
    for (int r = 0; r < dims[0]; r++) {
      rows[r] = UnsafeArrayData.fromPrimitiveArray(row(b.out, r * dims[1], dims[1]));
    }
    return new GenericArrayData(rows);
  }

  private static double[] row(double[][] out, int first, int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = out[first + k][0];
    }
    return v;
  }

  /**
   * One scalar input.
   *
   * @param a0 the argument
   * @return the output
   */
  public ArrayData invoke(double a0) {
    Buffers b = start();
    put(b, 0, a0);
    return evaluate(b);
  }

  /**
   * Two scalar inputs.
   *
   * @param a0 the first argument
   * @param a1 the second
   * @return the output
   */
  public ArrayData invoke(double a0, double a1) {
    Buffers b = start();
    put(b, 0, a0);
    put(b, 1, a1);
    return evaluate(b);
  }

  /**
   * Three scalar inputs.
   *
   * @param a0 the first argument
   * @param a1 the second
   * @param a2 the third
   * @return the output
   */
  public ArrayData invoke(double a0, double a1, double a2) {
    Buffers b = start();
    put(b, 0, a0);
    put(b, 1, a1);
    put(b, 2, a2);
    return evaluate(b);
  }

  /**
   * Four scalar inputs.
   *
   * @param a0 the first argument
   * @param a1 the second
   * @param a2 the third
   * @param a3 the fourth
   * @return the output
   */
  public ArrayData invoke(double a0, double a1, double a2, double a3) {
    Buffers b = start();
    put(b, 0, a0);
    put(b, 1, a1);
    put(b, 2, a2);
    put(b, 3, a3);
    return evaluate(b);
  }

  /**
   * A scalar and a vector.
   *
   * @param a0 the scalar
   * @param a1 the vector
   * @return the output
   */
  public ArrayData invoke(double a0, ArrayData a1) {
    Buffers b = start();
    put(b, 0, a0);
    put(b, 1, a1);
    return evaluate(b);
  }

  /**
   * A scalar and two vectors.
   *
   * @param a0 the scalar
   * @param a1 the first vector
   * @param a2 the second vector
   * @return the output
   */
  public ArrayData invoke(double a0, ArrayData a1, ArrayData a2) {
    Buffers b = start();
    put(b, 0, a0);
    put(b, 1, a1);
    put(b, 2, a2);
    return evaluate(b);
  }
}
