package gradgrid.job.conf;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import gradgrid.ad.Param;
import gradgrid.job.grid.Grid;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked sweep: what to evaluate, over which grid, what to write, and where.
 *
 * @param conf the conf as resolved (its JSON is hashed into the manifest and copied into the
 *     summary)
 * @param function the function to evaluate
 * @param inputs how each of the function's parameters is set, in call order
 * @param grid the grid: the inputs' axes, in the same order
 * @param table the table whose rows bind the {@link InputBinding.Column} inputs, or empty; each of
 *     its rows is then evaluated at every point of the grid
 * @param outputs the requested outputs, in conf order
 * @param output where the Parquet goes: a Hadoop path string, {@code new Path(output)} is exactly
 *     the directory (see {@link OutputDir})
 * @param localOutput the same directory as a local path, or null when the output is remote
 * @param mode what to do when the output exists
 * @param partitions the partition count, or 0 to derive it from the grid size and cores
 * @param batchSize rows per evaluator call
 * @param commitEvery partitions per committed chunk, or 0 to derive it from the partition count
 * @param compression the conf's Parquet codec ({@code output.compression}, lower case), or empty
 *     when the conf leaves it to Spark's {@code spark.sql.parquet.compression.codec}
 * @param limits the size limits the sweep was checked against
 * @param figures the conf's {@code figures} block, or empty when it has none (then the sweep draws
 *     no figures, and {@code plot} uses {@link #figuresOrDefault()})
 */
public record SweepSpec(
    ConfigObject conf,
    FunctionSpec function,
    List<InputBinding> inputs,
    Grid grid,
    Optional<FromTable> table,
    List<OutputSpec> outputs,
    String output,
    Path localOutput,
    WriteMode mode,
    int partitions,
    int batchSize,
    int commitEvery,
    Optional<String> compression,
    Limits limits,
    Optional<FiguresSpec> figures) {

  /**
   * Copies the inputs.
   *
   * @param conf the conf as resolved
   * @param function the function
   * @param inputs the inputs, in call order
   * @param grid the grid
   * @param table the table, or empty
   * @param outputs the outputs
   * @param output the output directory
   * @param localOutput the local output directory, or null
   * @param mode the write mode
   * @param partitions the partition count, or 0
   * @param batchSize rows per evaluator call
   * @param commitEvery partitions per chunk, or 0
   * @param compression the conf's codec, or empty
   * @param limits the limits
   * @param figures the figures block, or empty
   */
  public SweepSpec {
    inputs = List.copyOf(inputs);
  }

  /**
   * The resolved conf as one line of JSON: what identifies the sweep ({@code ConfHash}).
   *
   * @return the JSON text
   */
  public String confJson() {
    return conf.render(ConfigRenderOptions.concise());
  }

  /**
   * The function's parameters, in call order.
   *
   * @return the parameters
   */
  public List<Param> params() {
    return inputs.stream().map(InputBinding::param).toList();
  }

  /**
   * The parameters by name, in call order.
   *
   * @return an ordered map name -> parameter
   */
  public Map<String, Param> paramsByName() {
    Map<String, Param> m = new LinkedHashMap<>();
    for (Param p : params()) {
      m.put(p.name(), p);
    }
    return m;
  }

  /**
   * The same sweep with other outputs (a subset, for a query that reads only some columns).
   *
   * @param kept the outputs to compute, in conf order
   * @return the sweep computing only {@code kept}
   */
  public SweepSpec withOutputs(List<OutputSpec> kept) {
    return new SweepSpec(
        conf,
        function,
        inputs,
        grid,
        table,
        List.copyOf(kept),
        output,
        localOutput,
        mode,
        partitions,
        batchSize,
        commitEvery,
        compression,
        limits,
        figures);
  }

  /**
   * Inner evaluations each row makes: the points of every {@code critical-points} output.
   *
   * @return the sum, 0 for a sweep without such outputs
   */
  public long innerPointsPerRow() {
    long n = 0;
    for (OutputSpec o : outputs) {
      if (o instanceof OutputSpec.CriticalPoints cp) {
        n += cp.points();
      }
    }
    return n;
  }

  /**
   * The output as messages show it: the local path, or the URI of a remote output.
   *
   * @return the text for a message
   */
  public String outputForMessages() {
    return localOutput != null ? localOutput.toString() : output;
  }

  /**
   * The figures settings for {@code plot}: the conf's block, or the defaults.
   *
   * @return the settings
   */
  public FiguresSpec figuresOrDefault() {
    return figures.orElseGet(() -> FiguresSpec.defaults(localOutput));
  }
}
