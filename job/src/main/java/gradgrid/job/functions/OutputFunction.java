package gradgrid.job.functions;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FunctionSignature;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.run.AdEvaluatorFactory;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.connector.catalog.functions.BoundFunction;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One output of a named function, before Spark knows the argument types: binding checks them (one
 * argument per parameter, a number for a scalar, an array of numbers for a vector), builds the
 * output's AD transform of the traced function and checks it against the conf's limits (kernel
 * columns, equations), so a kernel too large to compile is an analysis error, not an executor out
 * of memory.
 */
final class OutputFunction implements UnboundFunction {
  private final String catalog;
  private final String function;
  private final FunctionSignature signature;
  private final OutputSpec output;
  private final Supplier<Fn> traced;

  /**
   * An output of a function.
   *
   * @param catalog the catalog's name
   * @param function the function's name (the catalog namespace)
   * @param signature the function
   * @param output the output
   * @param traced the traced function, built on first use and shared by its outputs
   */
  OutputFunction(
      String catalog,
      String function,
      FunctionSignature signature,
      OutputSpec output,
      Supplier<Fn> traced) {
    this.catalog = catalog;
    this.function = function;
    this.signature = signature;
    this.output = output;
    this.traced = traced;
  }

  private String canonicalName() {
    return catalog + "." + function + "." + output.column();
  }

  @Override
  public BoundFunction bind(StructType inputType) {
    List<Param> params = signature.params();
    StructField[] args = inputType.fields();
    if (args.length != params.size()) {
      throw new UnsupportedOperationException(
          canonicalName()
              + " takes "
              + params.size()
              + " arguments "
              + signature()
              + ", got "
              + args.length);
    }
    for (int i = 0; i < args.length; i++) {
      Param p = params.get(i);
      DataType t = args[i].dataType();
      boolean ok =
          p.shape().isScalar()
              ? t instanceof NumericType
              : t instanceof ArrayType a && a.elementType() instanceof NumericType;
      if (!ok) {
        throw new UnsupportedOperationException(
            canonicalName()
                + ": argument "
                + (i + 1)
                + " ("
                + p.name()
                + ") must be "
                + (p.shape().isScalar()
                    ? "a number"
                    : "an array of " + p.shape().size() + " numbers")
                + ", got "
                + t.sql()
                + "; the arguments are "
                + signature());
      }
    }
    int[] dims = output.dims(signature.paramsByName());
    AdEvaluatorFactory factory;
    try {
      signature
          .limits()
          .checkKernelColumns(List.of(output), signature.paramsByName(), canonicalName() + ": ");
      factory = AdEvaluatorFactory.ofEveryParameter(traced.get(), List.of(output));
      signature.limits().checkEquations(factory.kernelFunction().eqnCount(), canonicalName());
    } catch (ConfException e) {
      throw new UnsupportedOperationException(e.getMessage());
    }
    return dims.length == 0
        ? new ScalarOutput(canonicalName(), output.column(), params, inputType, factory)
        : new ArrayOutput(canonicalName(), output.column(), params, inputType, dims, factory);
  }

  /** The arguments as the user writes them: {@code (x double, alpha array<double>[6], ...)}. */
  String signature() {
    StringBuilder b = new StringBuilder("(");
    for (Param p : signature.params()) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(p.name())
          .append(p.shape().isScalar() ? " double" : " array<double>[" + p.shape().size() + "]");
    }
    return b.append(")").toString();
  }

  @Override
  public String description() {
    int[] dims = output.dims(signature.paramsByName());
    String result =
        dims.length == 0 ? "double" : dims.length == 1 ? "array<double>" : "array<array<double>>";
    return canonicalName()
        + signature()
        + " -> "
        + result
        + ": "
        + output.column()
        + " of "
        + signature.function().describe()
        + ", by gradgrid's AD transforms of the traced function";
  }

  @Override
  public String name() {
    return output.column();
  }
}
