package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.checkKeys;
import static gradgrid.job.conf.ConfValues.checkWidth;
import static gradgrid.job.conf.ConfValues.number;
import static gradgrid.job.conf.ConfValues.numbers;
import static gradgrid.job.conf.ConfValues.positiveLong;
import static gradgrid.job.conf.ConfValues.require;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.grid.Linspace;
import gradgrid.job.grid.ValueList;
import java.util.Arrays;
import java.util.Set;

/**
 * One axis of the grid: {@code { from, to, points }} (evenly spaced, ends included) or {@code {
 * values = [...] }} (a list of distinct values, in the order given).
 */
final class AxisBlock {
  private static final Set<String> LINSPACE_KEYS = Set.of("from", "to", "points");
  private static final Set<String> LIST_KEYS = Set.of("values");

  private AxisBlock() {}

  /**
   * Reads an axis.
   *
   * @param o the axis object
   * @param input the input it drives: a whole scalar or one element of a vector
   * @param key the axis's key for messages ({@code inputs.x})
   * @return the axis
   * @throws ConfException if a key is unknown, a value is not a number, or the axis is empty,
   *     reversed or repeats a value
   */
  static Axis parse(ConfigObject o, AxisInput input, String key) {
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
      return new ValueList(input, values);
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
    checkWidth(from, to, at(o) + key);
    if (points == 1 && from != to) {
      throw new ConfException(
          at(pv) + key + ".points: a single point needs from = to (or use a fixed value)");
    }
    return new Linspace(input, from, to, points);
  }
}
