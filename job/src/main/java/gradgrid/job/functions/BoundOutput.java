package gradgrid.job.functions;

import gradgrid.ad.Param;
import gradgrid.job.run.BatchEvaluator;
import gradgrid.job.run.EvaluatorFactory;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One output of a function as a Spark SQL scalar function, bound to its argument types: a double
 * per scalar input and an {@code array<double>} per vector input (Spark casts other numeric types
 * to these). The kernel is compiled once per executor JVM (the jit's cache) and each task thread
 * keeps its own evaluator and one-row buffers. A null scalar argument gives null (Spark's rule,
 * which its generated code applies to primitive arguments); a null vector, or a null element of
 * one, is read as NaN, so the outputs that depend on it are NaN, as in a sweep (generated code has
 * no null to return for a double output); a vector of the wrong length is an error naming the
 * function, the argument and the expected length.
 *
 * <p>Spark calls a function either through {@link #produceResult} (interpreted, one {@code
 * InternalRow} of arguments) or, when the class has an {@code invoke} method whose parameter types
 * match the arguments, through that method from generated code, which keeps the query in
 * whole-stage code generation. The subclasses, one per result type, define {@code invoke} for the
 * usual signatures.
 *
 * @param <R> the result's JVM type in Spark's internal row format
 */
abstract sealed class BoundOutput<R> implements ScalarFunction<R>
    permits ScalarOutput, ArrayOutput {
  private static final long serialVersionUID = 1L;

  private final String canonicalName;
  private final String name;
  private final List<Param> params;
  private final int[] firstColumn;
  private final int[] sizes;
  private final boolean[] nullElements;
  private final EvaluatorFactory factory;
  private transient volatile ThreadLocal<Buffers> buffers;

  /**
   * Binds an output.
   *
   * @param canonicalName {@code gradgrid.<function>.<output>}, for messages and plans
   * @param name the output's name
   * @param params the function's parameters, one argument each
   * @param args the arguments' types as bound: only an array whose type admits null elements is
   *     checked element by element for them
   * @param factory the evaluator of this output over every parameter
   */
  BoundOutput(
      String canonicalName,
      String name,
      List<Param> params,
      StructType args,
      EvaluatorFactory factory) {
    this.canonicalName = canonicalName;
    this.name = name;
    this.params = List.copyOf(params);
    this.firstColumn = new int[params.size()];
    this.sizes = new int[params.size()];
    this.nullElements = new boolean[params.size()];
    int col = 0;
    for (int i = 0; i < params.size(); i++) {
      firstColumn[i] = col;
      sizes[i] = params.get(i).shape().size();
      nullElements[i] = args.fields()[i].dataType() instanceof ArrayType a && a.containsNull();
      col += sizes[i];
    }
    this.factory = factory;
  }

  /** One thread's evaluator and one-row columns. */
  static final class Buffers {
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
  public String name() {
    return name;
  }

  @Override
  public String canonicalName() {
    return canonicalName;
  }

  /** The result of the row now in the buffers' outputs. */
  abstract R result(Buffers b);

  @Override
  public R produceResult(InternalRow input) {
    Buffers b = start();
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).shape().isScalar()) {
        if (input.isNullAt(i)) {
          return null;
        }
        put(b, i, input.getDouble(i));
      } else {
        put(b, i, input.isNullAt(i) ? null : input.getArray(i));
      }
    }
    return evaluate(b);
  }

  /** This thread's buffers. */
  final Buffers start() {
    ThreadLocal<Buffers> t = buffers;
    if (t == null) {
      synchronized (this) {
        if (buffers == null) {
          buffers = ThreadLocal.withInitial(() -> new Buffers(factory));
        }
        t = buffers;
      }
    }
    return t.get();
  }

  /** Argument {@code i}, a scalar. */
  final void put(Buffers b, int i, double v) {
    b.in[firstColumn[i]][0] = v;
  }

  /** Argument {@code i}, a vector: its length checked, a null vector or element read as NaN. */
  final void put(Buffers b, int i, ArrayData a) {
    int n = sizes[i];
    int first = firstColumn[i];
    double[][] in = b.in;
    if (a == null) {
      for (int e = 0; e < n; e++) {
        in[first + e][0] = Double.NaN;
      }
      return;
    }
    if (a.numElements() != n) {
      throw new IllegalArgumentException(
          canonicalName
              + ": argument "
              + (i + 1)
              + " ("
              + params.get(i).name()
              + ") has "
              + a.numElements()
              + " elements; it must have "
              + n);
    }
    if (nullElements[i]) {
      for (int e = 0; e < n; e++) {
        in[first + e][0] = a.isNullAt(e) ? Double.NaN : a.getDouble(e);
      }
    } else {
      for (int e = 0; e < n; e++) {
        in[first + e][0] = a.getDouble(e);
      }
    }
  }

  /** Runs the kernel on the row in the buffers. */
  final R evaluate(Buffers b) {
    b.evaluator.evaluate(b.in, b.out, 1);
    return result(b);
  }
}
