package gradgrid.job.functions;

import gradgrid.ad.Param;
import gradgrid.job.run.BatchEvaluator;
import gradgrid.job.run.EvaluatorFactory;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One output of a function as a Spark SQL scalar function, bound to its argument types: a double
 * per scalar input and an {@code array<double>} per vector input (Spark casts other numeric types
 * to these), returning a double, an {@code array<double>} or an {@code array<array<double>>} as the
 * sweep's column of that output does. The kernel is compiled once per executor JVM (the jit's
 * cache) and each task thread keeps its own evaluator and one-row buffers. A null argument or a
 * null element gives null; a vector of the wrong length is an error naming the function, the
 * argument and the expected length.
 */
final class BoundOutput implements ScalarFunction<Object> {
  private static final long serialVersionUID = 1L;

  private final String canonicalName;
  private final String name;
  private final List<Param> params;
  private final int[] dims;
  private final EvaluatorFactory factory;
  private transient volatile ThreadLocal<Buffers> buffers;

  /**
   * Binds an output.
   *
   * @param canonicalName {@code gradgrid.<function>.<output>}, for messages and plans
   * @param name the output's name
   * @param params the function's parameters, one argument each
   * @param dims the output's dimensions ({@code []}, {@code [n]} or {@code [m, n]})
   * @param factory the evaluator of this output over every parameter
   */
  BoundOutput(
      String canonicalName, String name, List<Param> params, int[] dims, EvaluatorFactory factory) {
    this.canonicalName = canonicalName;
    this.name = name;
    this.params = List.copyOf(params);
    this.dims = dims.clone();
    this.factory = factory;
  }

  /** One thread's evaluator and one-row columns. */
  private static final class Buffers {
    final BatchEvaluator evaluator;
    final double[][] in;
    final double[][] out;

    Buffers(EvaluatorFactory factory) {
      evaluator = factory.create();
      in = new double[factory.inputWidth()][1];
      out = new double[factory.outputWidth()][1];
    }
  }

  @Override
  public DataType[] inputTypes() {
    DataType[] types = new DataType[params.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] =
          params.get(i).shape().isScalar()
              ? DataTypes.DoubleType
              : DataTypes.createArrayType(DataTypes.DoubleType);
    }
    return types;
  }

  @Override
  public DataType resultType() {
    DataType t = DataTypes.DoubleType;
    for (int i = 0; i < dims.length; i++) {
      t = DataTypes.createArrayType(t, false);
    }
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String canonicalName() {
    return canonicalName;
  }

  @Override
  public Object produceResult(InternalRow input) {
    Buffers b = buffers();
    int col = 0;
    for (int i = 0; i < params.size(); i++) {
      if (input.isNullAt(i)) {
        return null;
      }
      Param p = params.get(i);
      if (p.shape().isScalar()) {
        b.in[col++][0] = input.getDouble(i);
        continue;
      }
      ArrayData a = input.getArray(i);
      int n = p.shape().size();
      if (a.numElements() != n) {
        throw new IllegalArgumentException(
            canonicalName
                + ": argument "
                + (i + 1)
                + " ("
                + p.name()
                + ") has "
                + a.numElements()
                + " elements; it must have "
                + n);
      }
      for (int e = 0; e < n; e++) {
        if (a.isNullAt(e)) {
          return null;
        }
        b.in[col++][0] = a.getDouble(e);
      }
    }
    b.evaluator.evaluate(b.in, b.out, 1);
    return switch (dims.length) {
      case 0 -> b.out[0][0];
      case 1 -> UnsafeArrayData.fromPrimitiveArray(row(b.out, 0, dims[0]));
      default -> {
        ArrayData[] rows = new ArrayData[dims[0]];
        for (int r = 0; r < dims[0]; r++) {
          rows[r] = UnsafeArrayData.fromPrimitiveArray(row(b.out, r * dims[1], dims[1]));
        }
        yield new GenericArrayData(rows);
      }
    };
  }

  private static double[] row(double[][] out, int first, int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = out[first + k][0];
    }
    return v;
  }

  private Buffers buffers() {
    if (buffers == null) {
      synchronized (this) {
        if (buffers == null) {
          buffers = ThreadLocal.withInitial(() -> new Buffers(factory));
        }
      }
    }
    return buffers.get();
  }
}
