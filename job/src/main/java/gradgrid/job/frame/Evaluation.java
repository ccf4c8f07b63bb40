package gradgrid.job.frame;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.Limits;
import gradgrid.job.conf.OutputParser;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.parquet.SweepSchema;
import gradgrid.job.run.AdEvaluatorFactory;
import gradgrid.job.run.SweepTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An evaluation of a function on a DataFrame, configured step by step and immutable: which column
 * binds each parameter (by default the column of the parameter's name), which parameters are fixed
 * to values instead (folded into the kernel, as a sweep's fixed inputs are), the outputs, and the
 * rows per kernel batch. {@link #on} checks everything against the DataFrame's schema before any
 * row is read, and every mistake is one paragraph naming the parameter, column or output.
 */
public final class Evaluation {
  private final Fn f;
  private final Map<String, Param> params;
  private final Map<String, String> columns;
  private final Map<String, double[]> fixed;
  private final List<String> outputs;
  private final int batchSize;

  private Evaluation(
      Fn f,
      Map<String, String> columns,
      Map<String, double[]> fixed,
      List<String> outputs,
      int batchSize) {
    this.f = f;
    this.params = new LinkedHashMap<>();
    for (Param p : f.params()) {
      params.put(p.name(), p);
    }
    this.columns = columns;
    this.fixed = fixed;
    this.outputs = outputs;
    this.batchSize = batchSize;
  }

  static Evaluation of(Fn f) {
    if (f.outputShapes().size() != 1 || !f.outputShapes().get(0).isScalar()) {
      throw new IllegalArgumentException(
          "Gradgrid: function '"
              + f.name()
              + "' returns "
              + f.outputShapes()
              + "; its outputs are derivatives of a scalar function, so it must return a scalar");
    }
    return new Evaluation(f, Map.of(), Map.of(), List.of(), SweepConfLoader.DEFAULT_BATCH_SIZE);
  }

  /**
   * Reads parameter {@code param} from column {@code column} instead of the column of its name.
   *
   * @param param the parameter's name
   * @param column the DataFrame column that holds it
   * @return the evaluation with that binding
   * @throws IllegalArgumentException if the function has no such parameter or it is fixed
   */
  public Evaluation column(String param, String column) {
    Param p = param(param);
    if (fixed.containsKey(p.name())) {
      throw new IllegalArgumentException(
          "Gradgrid: parameter '" + param + "' is fixed to a value; it cannot also be a column");
    }
    Map<String, String> c = new LinkedHashMap<>(columns);
    c.put(p.name(), column);
    return new Evaluation(f, Map.copyOf(c), fixed, outputs, batchSize);
  }

  /**
   * Fixes parameter {@code param} to a value on every row; it is then read from no column.
   *
   * @param param the parameter's name
   * @param value one number for a scalar parameter, the declared number of elements for a vector
   * @return the evaluation with that parameter fixed
   * @throws IllegalArgumentException if the function has no such parameter, the value has the wrong
   *     length, or the parameter is bound to a column
   */
  public Evaluation fix(String param, double... value) {
    Param p = param(param);
    if (columns.containsKey(p.name())) {
      throw new IllegalArgumentException(
          "Gradgrid: parameter '"
              + param
              + "' is read from column '"
              + columns.get(p.name())
              + "'; it cannot also be fixed");
    }
    if (value.length != p.shape().size()) {
      throw new IllegalArgumentException(
          "Gradgrid: parameter '"
              + param
              + "' has "
              + p.shape().size()
              + (p.shape().size() == 1 ? " element" : " elements")
              + "; the value given has "
              + value.length);
    }
    Map<String, double[]> x = new LinkedHashMap<>(fixed);
    x.put(p.name(), value.clone());
    return new Evaluation(f, columns, Map.copyOf(x), outputs, batchSize);
  }

  /**
   * The outputs to add, written as in a sweep's conf ({@code "f"}, {@code "f''"}, {@code
   * "df/dalpha"}, {@code "grad(beta)"}, {@code "hessian(alpha, beta)"}, {@code
   * "eigenvalues(hessian(alpha))"}, {@code "critical-points(x, -10, 10, 20001)"}, whose scanned
   * input must be {@link #fix fixed}); each becomes a column of the sweep's name and type.
   *
   * @param outputs the outputs, at least one
   * @return the evaluation with these outputs (replacing any given before)
   */
  public Evaluation outputs(String... outputs) {
    return new Evaluation(f, columns, fixed, List.of(outputs), batchSize);
  }

  /**
   * Rows per kernel batch (default {@value SweepConfLoader#DEFAULT_BATCH_SIZE}, the sweep's
   * default), lowered for very wide outputs as a sweep's is.
   *
   * @param rows the rows per batch, positive
   * @return the evaluation with that batch size
   */
  public Evaluation batchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("Gradgrid: batch size must be positive, got " + rows);
    }
    return new Evaluation(f, columns, fixed, outputs, rows);
  }

  /**
   * The evaluation applied to {@code df}: its columns, in order, then one column per output
   * (nullable: a row with a null input, or a null element in an input array, gets null outputs; NaN
   * inputs give NaN as the function does). Nothing is evaluated until an action runs.
   *
   * @param df the rows
   * @return the rows with the output columns
   * @throws IllegalArgumentException in one paragraph if an output does not parse for this
   *     function, a parameter's column is missing or of the wrong type, or an output's name is
   *     already a column
   */
  public Dataset<Row> on(Dataset<Row> df) {
    List<OutputSpec> specs = parseOutputs();
    StructType schema = df.schema();
    List<Param> free = new ArrayList<>();
    List<Integer> fields = new ArrayList<>();
    for (Param p : f.params()) {
      if (!fixed.containsKey(p.name())) {
        free.add(p);
        fields.add(field(schema, p));
      }
    }
    List<StructField> out = new ArrayList<>(Arrays.asList(schema.fields()));
    for (int k = 0; k < specs.size(); k++) {
      OutputSpec o = specs.get(k);
      for (StructField existing : schema.fields()) {
        if (existing.name().equalsIgnoreCase(o.column())) {
          throw new IllegalArgumentException(
              "Gradgrid: output '"
                  + outputs.get(k)
                  + "' would be column '"
                  + o.column()
                  + "', which the DataFrame already has; rename that column first"
                  + " (withColumnRenamed)");
        }
      }
      out.add(DataTypes.createStructField(o.column(), SweepSchema.valueType(o, params), true));
    }
    AdEvaluatorFactory factory;
    try {
      Limits.DEFAULTS.checkKernelColumns(specs, params, "Gradgrid: ");
      factory = AdEvaluatorFactory.ofFreeParameters(f, specs, fixed);
      Limits.DEFAULTS.checkEquations(
          factory.kernelFunction().eqnCount(), "Gradgrid: the outputs of '" + f.name() + "'");
    } catch (ConfException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    int width = factory.inputWidth() + factory.outputWidth();
    BatchedRows rows =
        new BatchedRows(
            factory,
            free,
            fields.stream().mapToInt(Integer::intValue).toArray(),
            fields.stream().map(i -> schema.fields()[i].name()).toArray(String[]::new),
            specs,
            params,
            SweepTask.batchRows(batchSize, width),
            null,
            new int[0]);
    return df.mapPartitions(rows, Encoders.row(DataTypes.createStructType(out)));
  }

  private List<OutputSpec> parseOutputs() {
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException(
          "Gradgrid: no outputs requested for '"
              + f.name()
              + "'; name at least one, like "
              + OutputParser.FORMS);
    }
    List<OutputSpec> specs = new ArrayList<>();
    try {
      Limits.DEFAULTS.checkOutputCount(outputs.size(), "Gradgrid: ");
      for (int k = 0; k < outputs.size(); k++) {
        String where = "Gradgrid: output " + (k + 1);
        for (OutputSpec o : OutputParser.parse(outputs.get(k), params, where, Limits.DEFAULTS)) {
          if (o instanceof OutputSpec.CriticalPoints cp && !fixed.containsKey(cp.param())) {
            throw new IllegalArgumentException(
                "Gradgrid: output '"
                    + outputs.get(k)
                    + "' scans '"
                    + cp.param()
                    + "' over its own inner grid on every row, so '"
                    + cp.param()
                    + "' is read from no column: fix it to a value first, like .fix(\""
                    + cp.param()
                    + "\", 1.5) (the other outputs use that value)");
          }
          for (OutputSpec earlier : specs) {
            if (earlier.column().equals(o.column())) {
              throw new IllegalArgumentException(
                  "Gradgrid: output '"
                      + outputs.get(k)
                      + "' repeats an earlier output (column '"
                      + o.column()
                      + "')");
            }
          }
          specs.add(o);
        }
      }
    } catch (ConfException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return specs;
  }

  /** The index of the column binding {@code p}, its type checked. */
  private int field(StructType schema, Param p) {
    String name = columns.getOrDefault(p.name(), p.name());
    String shape =
        p.shape().isScalar() ? "a number" : "an array of " + p.shape().size() + " numbers";
    int index = -1;
    for (int i = 0; i < schema.fields().length; i++) {
      if (schema.fields()[i].name().equals(name)) {
        if (index >= 0) {
          throw new IllegalArgumentException(
              "Gradgrid: parameter '"
                  + p.name()
                  + "' is read from column '"
                  + name
                  + "', and the DataFrame has two columns of that name (after a join, say);"
                  + " rename or drop one, or bind another column with column(\""
                  + p.name()
                  + "\", ...)");
        }
        index = i;
      }
    }
    if (index < 0) {
      String similar = "";
      for (StructField s : schema.fields()) {
        if (s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          similar = " (column names are matched exactly; there is '" + s.name() + "')";
        }
      }
      throw new IllegalArgumentException(
          "Gradgrid: parameter '"
              + p.name()
              + "' of '"
              + f.name()
              + "' ("
              + shape
              + ") is read from column '"
              + name
              + "', which the DataFrame does not have"
              + similar
              + "; its columns are "
              + String.join(", ", schema.fieldNames())
              + ". Bind another column with column(\""
              + p.name()
              + "\", ...) or give a value with fix(\""
              + p.name()
              + "\", ...)");
    }
    DataType t = schema.fields()[index].dataType();
    if (!BatchedRows.reads(p, t)) {
      throw new IllegalArgumentException(
          "Gradgrid: parameter '"
              + p.name()
              + "' of '"
              + f.name()
              + "' must be "
              + shape
              + "; column '"
              + name
              + "' is "
              + t.sql());
    }
    return index;
  }

  private Param param(String name) {
    Param p = params.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "Gradgrid: function '"
              + f.name()
              + "' has no parameter '"
              + name
              + "'; its parameters are "
              + String.join(", ", params.keySet()));
    }
    return p;
  }
}
