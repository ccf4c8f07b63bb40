package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.require;
import static gradgrid.job.conf.ConfValues.string;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.Param;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.grid.Grid;
import gradgrid.job.grid.Samples;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code outputs} list of a sweep conf: each entry parsed by {@link OutputParser}, checked
 * against the limits, and no column written twice (by two outputs, or by an output and an axis).
 */
final class OutputsList {
  private OutputsList() {}

  /**
   * Reads the outputs.
   *
   * @param root the conf's root object
   * @param params the function's parameters by name
   * @param limits the sweep's limits
   * @param grid the grid, whose axes are columns too
   * @return the outputs, in conf order
   * @throws ConfException if the list is missing or empty, an entry is malformed or repeated, the
   *     kernel would be over a limit, or two columns clash
   */
  static List<OutputSpec> parse(
      ConfigObject root, Map<String, Param> params, Limits limits, Grid grid) {
    ConfigValue v = require(root, "outputs", ConfigValueType.LIST, "");
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
      for (OutputSpec spec : OutputParser.parse(text, params, where, limits)) {
        String previous = columns.put(spec.column(), text);
        if (previous != null) {
          throw new ConfException(
              where + ": '" + text + "' repeats '" + previous + "' (column " + spec.column() + ")");
        }
        if (spec instanceof OutputSpec.CriticalPoints cp) {
          checkInnerInput(cp, grid, where, text);
        }
        out.add(spec);
      }
    }
    limits.checkKernelColumns(out, params, at(v));
    checkColumns(grid, out);
    return out;
  }

  /**
   * The input a {@code critical-points} output scans takes the inner grid's values; as an axis of
   * the outer grid too it would have two values on one row.
   */
  private static void checkInnerInput(
      OutputSpec.CriticalPoints cp, Grid grid, String where, String text) {
    for (Axis a : grid.axes()) {
      if (a.input() instanceof AxisInput.Whole w && w.param().equals(cp.param())) {
        throw new ConfException(
            where
                + ": '"
                + text
                + "' scans '"
                + cp.param()
                + "' over its own inner grid, but inputs."
                + cp.param()
                + " is an axis of the sweep; give it a fixed value (the other outputs use it) and"
                + " sweep the coefficients instead");
      }
    }
  }

  /**
   * Axis, output and sample index column names must differ, ignoring case: Spark resolves column
   * names case-insensitively by default, so {@code x} beside {@code X}, or an input {@code F}
   * beside the output {@code f}, cannot both be written.
   */
  private static void checkColumns(Grid grid, List<OutputSpec> outputs) {
    Map<String, String> seen = new LinkedHashMap<>();
    if (grid.samples().isPresent()) {
      seen.put(Samples.INDEX_COLUMN, "the sample index");
    }
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
}
