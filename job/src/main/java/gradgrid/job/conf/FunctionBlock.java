package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.line;
import static gradgrid.job.conf.ConfValues.string;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The {@code function} of a sweep conf: {@code function { builtin = ..., <options> }}, {@code
 * function { expression = "...", params = [...] }}, or the short form {@code function = "..."},
 * whose parameters are the inputs in the order they are written.
 */
final class FunctionBlock {
  private FunctionBlock() {}

  /**
   * Reads the function.
   *
   * @param root the conf's root object
   * @return the function as the conf gives it (its parameters are asked of a {@link
   *     SignatureResolver} later)
   * @throws ConfException if it is missing or malformed
   */
  static FunctionSpec parse(ConfigObject root) {
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
    entries.removeIf(e -> InputsBlock.ELEMENT.matcher(e.getKey()).matches());
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
}
