package gradgrid.job.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.lang.Suggest;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Grid;
import gradgrid.job.grid.Linspace;
import gradgrid.job.grid.ValueList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sweep conf (HOCON, see {@code README.md}, "Sweeps on Spark") into a checked {@link
 * SweepSpec}. Every problem becomes a {@link ConfException} naming the key and its line.
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
  private static final Set<String> OUTPUT_KEYS = Set.of("dir", "mode", "max-bytes", "commit-every");
  private static final Set<String> LINSPACE_KEYS = Set.of("from", "to", "points");
  private static final Set<String> LIST_KEYS = Set.of("values");
  private static final Pattern ELEMENT = Pattern.compile("([A-Za-z_]\\w*)\\[(\\d+)]");

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
    new IncludeCheck(file).checkTopKeys(config.root(), TOP_KEYS);
    String base = file.getFileName().toString().replaceFirst("\\.conf$", "");
    return parse(config, base);
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
    if (!Files.isRegularFile(file)) {
      throw new ConfException("conf file not found: " + file);
    }
    try {
      return ConfigFactory.parseFile(
              file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
          .resolve();
    } catch (ConfigException e) {
      throw new IncludeCheck(file).readError(e);
    }
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
    FunctionSpec function = function(root);
    List<InputParam> params = signatures.signature(function);
    Map<String, InputParam> byName = new LinkedHashMap<>();
    for (InputParam p : params) {
      byName.put(p.name(), p);
    }
    Map<String, double[]> fixed = new LinkedHashMap<>();
    List<Axis> axes = new ArrayList<>();
    inputs(require(root, "inputs", ConfigValueType.OBJECT, ""), byName, fixed, axes);
    List<String> order = new ArrayList<>(byName.keySet());
    axes.sort(
        Comparator.<Axis>comparingInt(a -> order.indexOf(a.param()))
            .thenComparingInt(Axis::element));
    Grid grid;
    try {
      grid = new Grid(axes);
    } catch (ArithmeticException e) {
      StringBuilder sb = new StringBuilder();
      for (Axis a : axes) {
        sb.append(sb.length() == 0 ? "" : " x ")
            .append(a.confName())
            .append(' ')
            .append(a.points());
      }
      throw new ConfException(
          "inputs: the grid has more rows than fit in a 64-bit count (" + sb + ")");
    }
    ConfigValue outputList = require(root, "outputs", ConfigValueType.LIST, "");
    List<OutputSpec> outputs = outputs(outputList, byName, limits);
    limits.checkKernelColumns(outputs, byName, at(outputList));
    checkColumns(grid, outputs);
    ConfigObject out =
        root.get("output") == null
            ? ConfigFactory.empty().root()
            : (ConfigObject) require(root, "output", ConfigValueType.OBJECT, "");
    checkKeys(out, OUTPUT_KEYS, "output.");
    String dir =
        out.get("dir") == null
            ? "out/" + name
            : string(require(out, "dir", ConfigValueType.STRING, "output."), "output.dir");
    if (dir.isBlank()) {
      throw new ConfException(at(out.get("dir")) + "output.dir: must not be empty");
    }
    WriteMode mode = WriteMode.ERROR;
    if (out.get("mode") != null) {
      String m = string(out.get("mode"), "output.mode");
      try {
        mode = WriteMode.valueOf(m.toUpperCase());
      } catch (IllegalArgumentException e) {
        throw new ConfException(
            at(out.get("mode"))
                + "output.mode: '"
                + m
                + "' is not a write mode; use error (the default), overwrite or resume");
      }
    }
    checkSize(grid, outputs, byName, out);
    OutputDir where =
        OutputDir.parse(dir, workingDir, out.get("dir") == null ? "" : at(out.get("dir")));
    int commitEvery =
        out.get("commit-every") == null
            ? 0
            : positiveInt(out.get("commit-every"), "output.commit-every", "a positive integer");
    int partitions = 0;
    ConfigValue pv = root.get("partitions");
    if (pv != null
        && !(pv.valueType() == ConfigValueType.STRING && "auto".equals(pv.unwrapped()))) {
      partitions = positiveInt(pv, "partitions", "a positive integer or auto");
      limits.checkPartitions(partitions, at(pv));
      partitions = (int) Math.min(partitions, grid.rows());
    }
    int batch =
        root.get("batch-size") == null
            ? DEFAULT_BATCH_SIZE
            : positiveInt(root.get("batch-size"), "batch-size", "a positive integer");
    if (batch > (1 << 20)) {
      throw new ConfException(at(root.get("batch-size")) + "batch-size: at most 1048576");
    }
    String json = config.root().render(ConfigRenderOptions.concise());
    return new SweepSpec(
        json,
        function,
        params,
        fixed,
        grid,
        outputs,
        where.location(),
        where.local(),
        mode,
        partitions,
        batch,
        commitEvery,
        limits);
  }

  /**
   * Refuses a grid whose estimated output (8 bytes per double, uncompressed) exceeds {@code
   * output.max-bytes}, saying how big it would be.
   */
  private static void checkSize(
      Grid grid, List<OutputSpec> outputs, Map<String, InputParam> params, ConfigObject out) {
    long limit = DEFAULT_MAX_BYTES;
    ConfigValue v = out.get("max-bytes");
    if (v != null) {
      try {
        limit = out.toConfig().getBytes("max-bytes");
      } catch (ConfigException e) {
        throw new ConfException(
            at(v) + "output.max-bytes: expected a size such as 500m, 20g or 2t, got " + render(v));
      }
      if (limit <= 0) {
        throw new ConfException(at(v) + "output.max-bytes: must be positive, got " + render(v));
      }
    }
    long doubles = grid.axes().size();
    for (OutputSpec o : outputs) {
      doubles += o.size(params);
    }
    double bytes = (double) grid.rows() * doubles * Double.BYTES;
    if (bytes > limit) {
      throw new ConfException(
          (v == null ? "" : at(v))
              + "output.max-bytes: the sweep would write about "
              + human(bytes)
              + " ("
              + grid.rows()
              + " rows x "
              + doubles
              + " doubles x 8 bytes, before compression), over the limit of "
              + human(limit)
              + (v == null ? " (the default)" : "")
              + "; shrink the grid or raise output.max-bytes (e.g. output.max-bytes = 2t)");
    }
  }

  private static String human(double bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    int u = 0;
    while (bytes >= 1024 && u < units.length - 1) {
      bytes /= 1024;
      u++;
    }
    return u == 0
        ? (long) bytes + " bytes"
        : String.format(java.util.Locale.ROOT, "%.1f %s", bytes, units[u]);
  }

  private static FunctionSpec function(ConfigObject root) {
    ConfigValue v = root.get("function");
    if (v == null) {
      throw new ConfException(
          "function: missing; write function { builtin = rational, deg-p = 5, deg-q = 5 }"
              + " or function = \"<expression>\"");
    }
    if (v.valueType() == ConfigValueType.STRING) {
      return new FunctionSpec(
          null,
          ConfigFactory.empty().withValue("params", inferredParams(root)),
          (String) v.unwrapped(),
          at(v) + "function");
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw new ConfException(
          at(v) + "function: expected an object { builtin = ... } or an expression string");
    }
    ConfigObject o = (ConfigObject) v;
    ConfigValue e = o.get("expression");
    if (e != null) {
      if (o.containsKey("builtin")) {
        throw new ConfException(at(v) + "function: give either builtin or expression, not both");
      }
      return new FunctionSpec(
          null,
          o.withoutKey("expression").toConfig(),
          string(e, "function.expression"),
          at(v) + "function");
    }
    ConfigValue b = o.get("builtin");
    if (b == null) {
      throw new ConfException(
          at(v)
              + "function: missing builtin (builtin = rational) or expression (expression = \"...\")");
    }
    return new FunctionSpec(
        string(b, "function.builtin"),
        o.withoutKey("builtin").toConfig(),
        null,
        at(v) + "function");
  }

  /**
   * For {@code function = "..."}: the parameters are the inputs, in the order they are written; a
   * list makes a vector, anything else a scalar. Element axes ({@code "alpha[1]"}) are skipped.
   */
  private static ConfigValue inferredParams(ConfigObject root) {
    ConfigValue in = root.get("inputs");
    if (in == null || in.valueType() != ConfigValueType.OBJECT) {
      throw new ConfException(
          "function: an expression takes its parameters from inputs, which is missing");
    }
    List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(((ConfigObject) in).entrySet());
    entries.removeIf(e -> ELEMENT.matcher(e.getKey()).matches());
    entries.sort(
        Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> line(e.getValue()))
            .thenComparing(Map.Entry::getKey));
    List<String> params = new ArrayList<>();
    for (int i = 1; i < entries.size(); i++) {
      if (line(entries.get(i).getValue()) == line(entries.get(i - 1).getValue())) {
        throw new ConfException(
            at(entries.get(i).getValue())
                + "inputs: '"
                + entries.get(i - 1).getKey()
                + "' and '"
                + entries.get(i).getKey()
                + "' share a line, so the expression's parameter order is unclear; write one"
                + " input per line in call order, or list function.params");
      }
    }
    for (Map.Entry<String, ConfigValue> e : entries) {
      ConfigValue v = e.getValue();
      params.add(
          v.valueType() == ConfigValueType.LIST
              ? e.getKey() + "[" + ((ConfigList) v).size() + "]"
              : e.getKey());
    }
    return ConfigValueFactory.fromIterable(params);
  }

  private static int line(ConfigValue v) {
    return v.origin() == null ? -1 : v.origin().lineNumber();
  }

  private static void inputs(
      ConfigValue value,
      Map<String, InputParam> params,
      Map<String, double[]> fixed,
      List<Axis> axes) {
    ConfigObject inputs = (ConfigObject) value;
    List<Map.Entry<String, ConfigValue>> elementAxes = new ArrayList<>();
    Set<String> accepted = new HashSet<>(params.keySet());
    for (Map.Entry<String, ConfigValue> e : inputs.entrySet()) {
      String key = e.getKey();
      ConfigValue v = e.getValue();
      Matcher m = ELEMENT.matcher(key);
      if (m.matches() && params.containsKey(m.group(1))) {
        elementAxes.add(e);
        continue;
      }
      InputParam p = params.get(key);
      if (p == null) {
        throw new ConfException(
            at(v)
                + "inputs."
                + key
                + ": the function has no input '"
                + key
                + "' (inputs: "
                + String.join(", ", params.keySet())
                + ")"
                + Suggest.didYouMean(m.matches() ? m.group(1) : key, accepted));
      }
      String k = "inputs." + key;
      if (p.scalar()) {
        if (v.valueType() == ConfigValueType.OBJECT) {
          axes.add(axis((ConfigObject) v, p.name(), -1, k));
          fixed.put(key, new double[] {Double.NaN});
        } else if (v.valueType() == ConfigValueType.LIST) {
          throw new ConfException(
              at(v)
                  + k
                  + ": '"
                  + key
                  + "' is a scalar; for a list axis write "
                  + key
                  + " { values = [...] }");
        } else {
          fixed.put(key, new double[] {number(v, k)});
        }
      } else {
        if (v.valueType() != ConfigValueType.LIST) {
          throw new ConfException(
              at(v)
                  + k
                  + ": '"
                  + key
                  + "' is a "
                  + p.describe()
                  + "; give its fixed values as a list [...] and make single elements axes"
                  + " with \""
                  + key
                  + "[i]\" { from = ..., to = ..., points = ... }");
        }
        double[] values = numbers((ConfigList) v, k);
        if (values.length != p.size()) {
          throw new ConfException(
              at(v) + k + ": expected a " + p.describe() + " numbers, got " + values.length);
        }
        fixed.put(key, values);
      }
    }
    for (InputParam p : params.values()) {
      if (!fixed.containsKey(p.name())) {
        throw new ConfException(
            at(inputs) + "inputs." + p.name() + ": missing (a " + p.describe() + ")");
      }
    }
    for (Map.Entry<String, ConfigValue> e : elementAxes) {
      Matcher m = ELEMENT.matcher(e.getKey());
      m.matches();
      InputParam p = params.get(m.group(1));
      String k = "inputs.\"" + e.getKey() + "\"";
      int element;
      try {
        element = Integer.parseInt(m.group(2));
      } catch (NumberFormatException ex) {
        element = Integer.MAX_VALUE;
      }
      if (p.scalar() || element >= p.size()) {
        throw new ConfException(
            at(e.getValue())
                + k
                + ": '"
                + p.name()
                + "' is a "
                + p.describe()
                + (p.scalar() ? "; write the axis as " + p.name() + " { ... }" : "")
                + (p.scalar()
                    ? ""
                    : "; elements are "
                        + p.name()
                        + "[0].."
                        + p.name()
                        + "["
                        + (p.size() - 1)
                        + "]"));
      }
      if (e.getValue().valueType() != ConfigValueType.OBJECT) {
        throw new ConfException(
            at(e.getValue())
                + k
                + ": an element axis needs { from, to, points } or { values = [...] }");
      }
      axes.add(axis((ConfigObject) e.getValue(), p.name(), element, k));
      fixed.get(p.name())[element] = Double.NaN;
    }
  }

  private static Axis axis(ConfigObject o, String param, int element, String key) {
    if (o.containsKey("values")) {
      checkKeys(o, LIST_KEYS, key + ".");
      ConfigValue v = require(o, "values", ConfigValueType.LIST, key + ".");
      double[] values = numbers((ConfigList) v, key + ".values");
      if (values.length == 0) {
        throw new ConfException(at(v) + key + ".values: the list is empty");
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      for (int i = 1; i < sorted.length; i++) {
        if (Double.compare(sorted[i], sorted[i - 1]) == 0) {
          throw new ConfException(
              at(v) + key + ".values: " + sorted[i] + " is listed more than once");
        }
      }
      return new ValueList(param, element, values);
    }
    checkKeys(o, LINSPACE_KEYS, key + ".");
    double from = number(require(o, "from", null, key + "."), key + ".from");
    double to = number(require(o, "to", null, key + "."), key + ".to");
    ConfigValue pv = require(o, "points", null, key + ".");
    long points = positiveLong(pv, key + ".points");
    if (from > to) {
      throw new ConfException(
          at(o) + key + ": from (" + from + ") is greater than to (" + to + ")");
    }
    if (points == 1 && from != to) {
      throw new ConfException(
          at(pv) + key + ".points: a single point needs from = to (or use a fixed value)");
    }
    return new Linspace(param, element, from, to, points);
  }

  private static List<OutputSpec> outputs(
      ConfigValue v, Map<String, InputParam> params, Limits limits) {
    ConfigList list = (ConfigList) v;
    if (list.isEmpty()) {
      throw new ConfException(
          at(v) + "outputs: the list is empty; accepted forms: " + OutputParser.FORMS);
    }
    limits.checkOutputCount(list.size(), at(v));
    List<OutputSpec> out = new ArrayList<>();
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue item = list.get(i);
      String where = at(item) + "outputs[" + i + "]";
      String text = string(item, "outputs[" + i + "]");
      OutputSpec spec = OutputParser.parse(text, params, where, limits);
      String previous = columns.put(spec.column(), text);
      if (previous != null) {
        throw new ConfException(
            where + ": '" + text + "' repeats '" + previous + "' (column " + spec.column() + ")");
      }
      out.add(spec);
    }
    return out;
  }

  /**
   * Axis and output column names must differ, ignoring case: Spark resolves column names
   * case-insensitively by default, so {@code x} beside {@code X}, or an input {@code F} beside the
   * output {@code f}, cannot both be written.
   */
  private static void checkColumns(Grid grid, List<OutputSpec> outputs) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (Axis a : grid.axes()) {
      claim(seen, a.column(), "axis " + a.confName(), "inputs", "rename one of the inputs");
    }
    for (OutputSpec o : outputs) {
      claim(seen, o.column(), "output " + o.column(), "outputs", "rename the input");
    }
  }

  private static void claim(
      Map<String, String> seen, String column, String by, String key, String fix) {
    String other = seen.putIfAbsent(column.toLowerCase(Locale.ROOT), by);
    if (other != null) {
      throw new ConfException(
          key
              + ": column '"
              + column
              + "' would be written twice (by "
              + other
              + " and by "
              + by
              + "; Spark compares column names case-insensitively, so names that differ only in"
              + " case clash); "
              + fix);
    }
  }

  static void checkKeys(ConfigObject o, Set<String> known, String prefix) {
    for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new ConfException(
            at(e.getValue())
                + "unknown key '"
                + prefix
                + e.getKey()
                + "'"
                + Suggest.didYouMean(e.getKey(), known)
                + " (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static ConfigValue require(
      ConfigObject o, String key, ConfigValueType type, String prefix) {
    ConfigValue v = o.get(key);
    if (v == null) {
      throw new ConfException(at(o) + prefix + key + ": missing");
    }
    if (type != null && v.valueType() != type) {
      throw new ConfException(
          at(v)
              + prefix
              + key
              + ": expected "
              + type.name().toLowerCase()
              + ", got "
              + v.valueType().name().toLowerCase());
    }
    return v;
  }

  private static String string(ConfigValue v, String key) {
    if (v.valueType() != ConfigValueType.STRING) {
      throw new ConfException(
          at(v) + key + ": expected a string, got " + v.valueType().name().toLowerCase());
    }
    return (String) v.unwrapped();
  }

  private static double number(ConfigValue v, String key) {
    double d;
    if (v.valueType() == ConfigValueType.NUMBER) {
      d = ((Number) v.unwrapped()).doubleValue();
    } else if (v.valueType() == ConfigValueType.STRING) {
      try {
        d = Double.parseDouble(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        throw new ConfException(at(v) + key + ": '" + v.unwrapped() + "' is not a number");
      }
    } else {
      throw new ConfException(
          at(v) + key + ": expected a number, got " + v.valueType().name().toLowerCase());
    }
    if (!Double.isFinite(d)) {
      throw new ConfException(at(v) + key + ": must be a finite number, got " + d);
    }
    return d;
  }

  private static double[] numbers(ConfigList list, String key) {
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(list.get(i), key + "[" + i + "]");
    }
    return out;
  }

  private static long positiveLong(ConfigValue v, String key) {
    double d = number(v, key);
    if (d <= 0 || d != Math.rint(d) || d >= 0x1p63) {
      throw new ConfException(at(v) + key + ": must be a positive whole number, got " + render(v));
    }
    return (long) d;
  }

  static int positiveInt(ConfigValue v, String key, String what) {
    double d;
    try {
      d = number(v, key);
    } catch (ConfException e) {
      throw new ConfException(at(v) + key + ": expected " + what + ", got " + render(v));
    }
    if (d <= 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
      throw new ConfException(at(v) + key + ": expected " + what + ", got " + render(v));
    }
    return (int) d;
  }

  private static String render(ConfigValue v) {
    return v.render(ConfigRenderOptions.concise());
  }

  /** "file.conf:12: " for messages, or "" when the value has no file origin. */
  static String at(ConfigValue v) {
    ConfigOrigin o = v.origin();
    if (o == null || o.lineNumber() < 0) {
      return "";
    }
    String file = o.filename() != null ? o.filename() : o.description();
    return file + ":" + o.lineNumber() + ": ";
  }
}
