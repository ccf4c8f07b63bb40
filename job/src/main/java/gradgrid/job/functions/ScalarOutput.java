package gradgrid.job.functions;

import gradgrid.ad.Param;
import gradgrid.job.run.EvaluatorFactory;
import java.util.List;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An output that is one double per row ({@code f}, {@code df_dx}, a Hessian entry of two scalars).
 * Its {@code invoke} methods, which Spark calls from generated code, cover up to four scalar inputs
 * and one scalar followed by one or two vectors (the worked example's {@code (x, alpha, beta)});
 * other signatures run through {@link #produceResult}.
 *
 * <p>Public because Spark's generated code calls {@code invoke} on it.
 */
public final class ScalarOutput extends BoundOutput<Double> {
  private static final long serialVersionUID = 1L;

  ScalarOutput(
      String canonicalName,
      String name,
      List<Param> params,
      StructType args,
      EvaluatorFactory factory) {
    super(canonicalName, name, params, args, factory);
  }

  @Override
  public DataType resultType() {
    return DataTypes.DoubleType;
  }

  @Override
  Double result(Buffers b) {
    return b.out[0][0];
  }

  /**
   * One scalar input.
   *
   * @param a0 the argument
   * @return the output
   */
  public double invoke(double a0) {
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
  public double invoke(double a0, double a1) {
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
  public double invoke(double a0, double a1, double a2) {
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
  public double invoke(double a0, double a1, double a2, double a3) {
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
  public double invoke(double a0, ArrayData a1) {
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
  public double invoke(double a0, ArrayData a1, ArrayData a2) {
    Buffers b = start();
    put(b, 0, a0);
    put(b, 1, a1);
    put(b, 2, a2);
    return evaluate(b);
  }
}
