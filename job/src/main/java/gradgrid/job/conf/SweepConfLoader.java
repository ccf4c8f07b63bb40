package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.checkKeys;
import static gradgrid.job.conf.ConfValues.positiveInt;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.Param;
import gradgrid.job.grid.Grid;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a sweep conf (HOCON, see {@code README.md}, "Sweeps on Spark") into a checked {@link
 * SweepSpec}. Every problem becomes a {@link ConfException} naming the key and its line. Each block
 * has its own reader: {@link ConfFile} (the file and its includes), {@link Limits}, {@link
 * FunctionBlock}, {@link InputsBlock} with {@link AxisBlock}, {@link OutputsList}, {@link
 * OutputBlock} and {@link FiguresBlock}, all reading values with {@link ConfValues}; this class
 * calls them in order and checks the two top-level numbers.
 */
public final class SweepConfLoader {
  /** Rows per evaluator call when the conf does not say. */
  public static final int DEFAULT_BATCH_SIZE = 4096;

  /** The largest estimated output a conf may ask for unless {@code output.max-bytes} says. */
  public static final long DEFAULT_MAX_BYTES = 100L << 30;

  private static final Set<String> TOP_KEYS =
      Set.of(
          "function",
          "inputs",
          "outputs",
          "output",
          "partitions",
          "batch-size",
          "figures",
          "limits");

  private final SignatureResolver signatures;
  private final Path workingDir;

  /**
   * Creates a loader.
   *
   * @param signatures tells which parameters a function takes
   * @param workingDir relative output paths are resolved against it
   */
  public SweepConfLoader(SignatureResolver signatures, Path workingDir) {
    this.signatures = signatures;
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  /**
   * Loads and checks a conf file.
   *
   * @param file the conf file
   * @return the sweep
   * @throws ConfException if the file is missing, unreadable, malformed or inconsistent
   */
  public SweepSpec load(Path file) {
    Config config = read(file);
    ConfFile.checkIncludedKeys(file, config, TOP_KEYS);
    return parse(config, ConfFile.name(file));
  }

  /**
   * Parses and resolves a HOCON file without checking what it holds, so callers can tell a sweep
   * conf from other conf files first.
   *
   * @param file the conf file
   * @return the resolved conf
   * @throws ConfException if the file or a file it includes is missing, unreadable or malformed
   */
  public Config read(Path file) {
    return ConfFile.read(file);
  }

  /**
   * The function of a parsed conf alone: its {@code function} block (and {@code limits}), checked
   * as in a sweep, with nothing else of the conf required. A catalog option holding just {@code
   * function = ...} is read this way too.
   *
   * @param config the conf
   * @return the function and its parameters
   * @throws ConfException if the function block is missing or wrong
   */
  public FunctionSignature function(Config config) {
    ConfigObject root = config.root();
    Limits limits = Limits.of(root);
    FunctionSpec function = FunctionBlock.parse(root);
    return new FunctionSignature(function, signatures.signature(function), limits);
  }

  /**
   * Checks an already parsed conf.
   *
   * @param config the conf
   * @param name a name for the default output directory ({@code out/<name>})
   * @return the sweep
   * @throws ConfException if the conf is inconsistent
   */
  public SweepSpec parse(Config config, String name) {
    ConfigObject root = config.root();
    checkKeys(root, TOP_KEYS, "");
    Limits limits = Limits.of(root);
    FunctionSpec function = FunctionBlock.parse(root);
    List<Param> params = signatures.signature(function);
    Map<String, Param> byName = new LinkedHashMap<>();
    for (Param p : params) {
      byName.put(p.name(), p);
    }
    InputsBlock.Inputs inputs = InputsBlock.parse(root, byName, workingDir);
    Grid grid = inputs.grid();
    List<OutputSpec> outputs = OutputsList.parse(root, byName, limits, grid);
    OutputBlock.Output out = OutputBlock.parse(root, name, workingDir, grid, outputs, byName);
    int partitions = partitions(root.get("partitions"), limits, inputs.table().isPresent(), grid);
    int batch = batchSize(root.get("batch-size"));
    Optional<FiguresSpec> figures = FiguresBlock.parse(root, out.dir().local());
    inputs.table().ifPresent(t -> checkTable(root, t, inputs.bindings(), outputs, figures));
    return new SweepSpec(
        config.root(),
        function,
        inputs.bindings(),
        grid,
        inputs.table(),
        outputs,
        out.dir().location(),
        out.dir().local(),
        out.mode(),
        partitions,
        batch,
        out.commitEvery(),
        out.compression(),
        limits,
        figures);
  }

  /**
   * What a {@code from-table} sweep cannot do: scan an input its table binds (a {@code
   * critical-points} output's input takes the inner grid's values, so the conf must set it, as it
   * must for a grid sweep, where it cannot be an axis), and figures (drawn from the grid's axes,
   * which the table's rows do not have).
   */
  private static void checkTable(
      ConfigObject root,
      FromTable table,
      List<InputBinding> bindings,
      List<OutputSpec> outputs,
      Optional<FiguresSpec> figures) {
    for (OutputSpec o : outputs) {
      if (!(o instanceof OutputSpec.CriticalPoints cp)) {
        continue;
      }
      for (InputBinding b : bindings) {
        if (b instanceof InputBinding.Column c && c.param().name().equals(cp.param())) {
          throw new ConfException(
              at(root.get("outputs"))
                  + "outputs: '"
                  + o.column()
                  + "' scans '"
                  + cp.param()
                  + "' over its own inner grid, but the conf does not set inputs."
                  + cp.param()
                  + ", so a sweep over "
                  + table.describe()
                  + " would read it from the table's column; give it a fixed value in inputs (the"
                  + " other outputs use it)");
        }
      }
    }
    if (figures.isPresent()) {
      throw new ConfException(
          at(root.get("figures"))
              + "figures: a sweep over "
              + table.describe()
              + " has no grid to draw figures over; remove the figures block and query the"
              + " output with ./submit.sh sql");
    }
  }

  /**
   * {@code partitions}: a positive integer (at most the grid's rows, unless a table's rows multiply
   * them), or 0 for absent or auto.
   */
  private static int partitions(ConfigValue v, Limits limits, boolean table, Grid grid) {
    if (v == null || (v.valueType() == ConfigValueType.STRING && "auto".equals(v.unwrapped()))) {
      return 0;
    }
    int partitions = positiveInt(v, "partitions", "a positive integer or auto");
    limits.checkPartitions(partitions, at(v));
    return table ? partitions : (int) Math.min(partitions, grid.rows());
  }

  /** {@code batch-size}: a positive integer up to 2^20, {@link #DEFAULT_BATCH_SIZE} if absent. */
  private static int batchSize(ConfigValue v) {
    if (v == null) {
      return DEFAULT_BATCH_SIZE;
    }
    int batch = positiveInt(v, "batch-size", "a positive integer");
    if (batch > (1 << 20)) {
      throw new ConfException(at(v) + "batch-size: at most 1048576");
    }
    return batch;
  }
}
