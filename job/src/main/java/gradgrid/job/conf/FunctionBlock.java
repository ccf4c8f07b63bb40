package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.line;
import static gradgrid.job.conf.ConfValues.string;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.Param;
import gradgrid.ad.ir.AdException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
   * @return the function as the conf gives it: an expression with its parameters (listed, or the
   *     inputs in the order they are written), a built-in with its options (its parameters are
   *     asked of a {@link SignatureResolver} later)
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
      String origin = at(v) + "function";
      return new FunctionSpec(
          null,
          ConfigFactory.empty(),
          (String) v.unwrapped(),
          inferredParams(root, origin),
          origin);
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
      String origin = at(v) + "function";
      String text = string(e, "function.expression");
      return new FunctionSpec(
          null,
          ConfigFactory.empty(),
          text,
          listedParams(o.withoutKey("expression").toConfig(), origin),
          origin);
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
        List.of(),
        at(v) + "function");
  }

  /**
   * For {@code function = "..."}: the parameters are the inputs, in the order they are written; a
   * list makes a vector, anything else a scalar. Element axes ({@code "alpha[1]"}) are skipped.
   */
  private static List<Param> inferredParams(ConfigObject root, String origin) {
    ConfigValue in = root.get("inputs");
    if (in == null || in.valueType() != ConfigValueType.OBJECT) {
      throw new ConfException(
          "function: an expression takes its parameters from inputs, which is missing");
    }
    ConfigValue table = ((ConfigObject) in).get(FromTable.KEY);
    if (table != null) {
      throw new ConfException(
          at(table)
              + "function: an expression's parameters are the inputs written, and with inputs."
              + FromTable.KEY
              + " some are a table's columns, read only later; list them all in call order:"
              + " function { expression = \"...\", params = [\"x\", \"alpha[6]\"] }");
    }
    List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(((ConfigObject) in).entrySet());
    entries.removeIf(e -> InputsBlock.ELEMENT.matcher(e.getKey()).matches());
    entries.sort(
        Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> line(e.getValue()))
            .thenComparing(Map.Entry::getKey));
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
    Params params = new Params(origin);
    for (Map.Entry<String, ConfigValue> e : entries) {
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.LIST) {
        int n = ((ConfigList) v).size();
        params.add(e.getKey() + "[" + n + "]");
      } else {
        params.add(e.getKey());
      }
    }
    return params.done();
  }

  /** For {@code function { expression, params }}: the listed parameters. */
  private static List<Param> listedParams(Config o, String origin) {
    List<String> names;
    try {
      names = o.getStringList("params");
    } catch (ConfigException.Missing e) {
      throw new ConfException(
          origin
              + ".params: missing; list the parameters in call order, like"
              + " params = [\"x\", \"alpha[6]\", \"beta[6]\"]");
    } catch (ConfigException.WrongType e) {
      throw new ConfException(
          origin + ".params: expected a list of strings like [\"x\", \"alpha[6]\"]");
    }
    for (String key : o.root().keySet()) {
      if (!key.equals("params")) {
        throw new ConfException(
            origin
                + ": unknown key 'function."
                + key
                + "' for an expression (known: expression, params)");
      }
    }
    Params params = new Params(origin);
    for (String s : names) {
      params.add(s);
    }
    return params.done();
  }

  /** The parameters of an expression as they are read, checked one by one. */
  private static final class Params {
    private final String origin;
    private final List<Param> list = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    Params(String origin) {
      this.origin = origin;
    }

    /**
     * The next parameter, in the form {@link Param#parse} reads, refused if it does not parse or
     * its name was listed before.
     */
    void add(String text) {
      Param p;
      try {
        p = Param.parse(text);
      } catch (AdException e) {
        throw new ConfException(origin + ".params: " + e.getMessage());
      }
      if (!seen.add(p.name())) {
        throw new ConfException(origin + ".params: '" + p.name() + "' is listed more than once");
      }
      list.add(p);
    }

    List<Param> done() {
      if (list.isEmpty()) {
        throw new ConfException(origin + ".params: the list is empty");
      }
      return List.copyOf(list);
    }
  }
}
