package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.describe;
import static gradgrid.job.conf.ConfValues.number;
import static gradgrid.job.conf.ConfValues.numbers;
import static gradgrid.job.conf.ConfValues.require;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.Param;
import gradgrid.ad.lang.Suggest;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.grid.Grid;
import gradgrid.job.grid.SampleMethod;
import gradgrid.job.grid.SampledAxis;
import gradgrid.job.grid.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code inputs} block of a sweep conf: one entry per parameter of the function, a fixed value
 * (a number, or a list for a vector), an axis ({@code x { ... }} for a scalar, {@code "alpha[1]" {
 * ... }} for one element of a vector; see {@link AxisBlock}) or a sample block ({@code x { sample =
 * sobol, ... }}, also on a whole vector or one element; see {@link SampleBlock}). The axes make the
 * grid, in parameter order; the sampled coordinates, in the same order, make one sample space whose
 * index is one more dimension of the grid.
 */
final class InputsBlock {
  /** An element axis key: {@code alpha[1]}. */
  static final Pattern ELEMENT = Pattern.compile("([A-Za-z_]\\w*)\\[(\\d+)]");

  private InputsBlock() {}

  /**
   * What the inputs block gives.
   *
   * @param bindings how each parameter is set, in call order
   * @param grid the grid of the bindings' axes, in the same order
   * @param table the table whose columns bind the other inputs, or empty
   */
  record Inputs(List<InputBinding> bindings, Grid grid, Optional<FromTable> table) {}

  /**
   * Reads the inputs block.
   *
   * @param root the conf's root object
   * @param params the function's parameters by name, in call order
   * @param workingDir relative table paths are resolved against it
   * @return the bindings, the grid and the table
   * @throws ConfException if an input is missing (and there is no table), unknown, of the wrong
   *     shape, or the grid's row count overflows
   */
  static Inputs parse(ConfigObject root, Map<String, Param> params, Path workingDir) {
    ConfigObject inputs = (ConfigObject) require(root, "inputs", ConfigValueType.OBJECT, "");
    Map<String, InputBinding> whole = new HashMap<>();
    Map<String, SampleBlock.Request> sampled = new HashMap<>();
    List<Map.Entry<String, ConfigValue>> elementKeys = new ArrayList<>();
    FromTable table = null;
    for (Map.Entry<String, ConfigValue> e : inputs.entrySet()) {
      Matcher m = ELEMENT.matcher(e.getKey());
      if (m.matches() && params.containsKey(m.group(1))) {
        elementKeys.add(e);
        continue;
      }
      Param p = params.get(e.getKey());
      if (p == null && e.getKey().equals(FromTable.KEY)) {
        String where = at(e.getValue());
        if (e.getValue().valueType() != ConfigValueType.STRING) {
          throw new ConfException(
              where
                  + "inputs."
                  + FromTable.KEY
                  + ": expected a path or table name in quotes, got "
                  + e.getValue().render());
        }
        table = FromTable.parse((String) e.getValue().unwrapped(), workingDir, where);
        continue;
      }
      if (p == null) {
        throw unknown(e.getKey(), e.getValue(), m.matches() ? m.group(1) : e.getKey(), params);
      }
      if (e.getValue() instanceof ConfigObject o && SampleBlock.isSample(o)) {
        sampled.put(p.name(), SampleBlock.parse(o, coordinates(p), "inputs." + p.name()));
      } else {
        whole.put(p.name(), whole(p, e.getValue()));
      }
    }
    List<String> fromTable = new ArrayList<>();
    for (Param p : params.values()) {
      if (!whole.containsKey(p.name()) && !sampled.containsKey(p.name())) {
        if (table == null) {
          throw new ConfException(
              at(inputs) + "inputs." + p.name() + ": missing (a " + describe(p) + ")");
        }
        whole.put(p.name(), new InputBinding.Column(p));
        fromTable.add(p.name());
      }
    }
    if (table != null && fromTable.isEmpty()) {
      throw new ConfException(
          at(inputs)
              + "inputs."
              + FromTable.KEY
              + ": the conf sets every input ("
              + String.join(", ", params.keySet())
              + "), so no column of "
              + table.describe()
              + " would bind one; leave out the inputs the table's columns hold");
    }
    Map<String, List<Axis>> elementAxes = new HashMap<>();
    Map<String, List<SampleBlock.Request>> elementSamples = new HashMap<>();
    for (Map.Entry<String, ConfigValue> e : elementKeys) {
      element(e.getKey(), e.getValue(), params, sampled, elementAxes, elementSamples);
    }
    List<SampleBlock.Request> requests = new ArrayList<>();
    for (Param p : params.values()) {
      if (sampled.containsKey(p.name())) {
        requests.add(sampled.get(p.name()));
      } else {
        List<SampleBlock.Request> elements = elementSamples.get(p.name());
        if (elements != null) {
          elements.sort(Comparator.comparingInt(SampleBlock.Request::element));
          requests.addAll(elements);
        }
      }
    }
    Iterator<SampledAxis> next =
        requests.isEmpty() ? Collections.emptyIterator() : samples(requests).axes().iterator();
    List<InputBinding> bindings = new ArrayList<>();
    List<Axis> axes = new ArrayList<>();
    for (Param p : params.values()) {
      InputBinding b;
      if (sampled.containsKey(p.name())) {
        List<Axis> coordinates = new ArrayList<>();
        for (int d = 0; d < p.shape().size(); d++) {
          coordinates.add(next.next());
        }
        b =
            p.shape().isScalar()
                ? new InputBinding.WholeAxis(p, coordinates.get(0))
                : new InputBinding.VectorAxes(p, coordinates);
      } else {
        b = whole.get(p.name());
        List<Axis> elements = new ArrayList<>(elementAxes.getOrDefault(p.name(), List.of()));
        for (int k = elementSamples.getOrDefault(p.name(), List.of()).size(); k > 0; k--) {
          elements.add(next.next());
        }
        if (!elements.isEmpty() && b instanceof InputBinding.Column) {
          throw new ConfException(
              at(inputs)
                  + "inputs.\""
                  + elements.get(0).confName()
                  + "\": "
                  + p.name()
                  + " has no fixed values in the conf (the table's column '"
                  + p.name()
                  + "' binds it), so single elements cannot be swept; give inputs."
                  + p.name()
                  + " a list of fixed values, or put the element's values in the table");
        }
        if (!elements.isEmpty()) {
          // only a vector's fixed list reaches here: element axes of a scalar are refused
          elements.sort(Comparator.comparingInt(InputBinding.ElementAxes::element));
          b = new InputBinding.ElementAxes(p, ((InputBinding.Fixed) b).value(), elements);
        }
      }
      bindings.add(b);
      axes.addAll(b.axes());
    }
    return new Inputs(bindings, grid(axes), Optional.ofNullable(table));
  }

  /** What a sample block on a whole parameter drives: the scalar, or each element in order. */
  private static List<AxisInput> coordinates(Param p) {
    if (p.shape().isScalar()) {
      return List.of(new AxisInput.Whole(p.name()));
    }
    List<AxisInput> elements = new ArrayList<>();
    for (int e = 0; e < p.shape().size(); e++) {
      elements.add(new AxisInput.Element(p.name(), e));
    }
    return elements;
  }

  /** The joint sample space of the sampled inputs, in grid order. */
  private static Samples samples(List<SampleBlock.Request> requests) {
    SampleBlock.Request first = SampleBlock.joint(requests);
    List<AxisInput> inputs = new ArrayList<>();
    List<double[]> bounds = new ArrayList<>();
    for (SampleBlock.Request r : requests) {
      inputs.addAll(r.inputs());
      for (int d = 0; d < r.inputs().size(); d++) {
        bounds.add(new double[] {r.from()[d], r.to()[d]});
      }
    }
    if (first.method() instanceof SampleMethod.Sobol
        && inputs.size() > SampleMethod.Sobol.MAX_DIMENSIONS) {
      throw new ConfException(
          "inputs: a Sobol sweep has at most "
              + SampleMethod.Sobol.MAX_DIMENSIONS
              + " sampled coordinates (Hipparchus's direction numbers), this one has "
              + inputs.size());
    }
    double[] from = new double[bounds.size()];
    double[] to = new double[bounds.size()];
    for (int d = 0; d < from.length; d++) {
      from[d] = bounds.get(d)[0];
      to[d] = bounds.get(d)[1];
    }
    return new Samples(first.method(), first.points(), inputs, from, to);
  }

  private static ConfException unknown(
      String key, ConfigValue v, String name, Map<String, Param> params) {
    return new ConfException(
        at(v)
            + "inputs."
            + key
            + ": the function has no input '"
            + key
            + "' (inputs: "
            + String.join(", ", params.keySet())
            + ")"
            + Suggest.didYouMean(name, params.keySet()));
  }

  /** A whole parameter: a fixed value, or for a scalar an axis. */
  private static InputBinding whole(Param p, ConfigValue v) {
    String key = p.name();
    String k = "inputs." + key;
    if (p.shape().isScalar()) {
      if (v.valueType() == ConfigValueType.OBJECT) {
        return new InputBinding.WholeAxis(
            p, AxisBlock.parse((ConfigObject) v, new AxisInput.Whole(p.name()), k));
      }
      if (v.valueType() == ConfigValueType.LIST) {
        throw new ConfException(
            at(v)
                + k
                + ": '"
                + key
                + "' is a scalar; for a list axis write "
                + key
                + " { values = [...] }");
      }
      return new InputBinding.Fixed(p, new double[] {number(v, k)});
    }
    if (v.valueType() != ConfigValueType.LIST) {
      throw new ConfException(
          at(v)
              + k
              + ": '"
              + key
              + "' is a "
              + describe(p)
              + "; give its fixed values as a list [...] and make single elements axes"
              + " with \""
              + key
              + "[i]\" { from = ..., to = ..., points = ... }");
    }
    double[] values = numbers((ConfigList) v, k);
    if (values.length != p.shape().size()) {
      throw new ConfException(
          at(v) + k + ": expected a " + describe(p) + " numbers, got " + values.length);
    }
    return new InputBinding.Fixed(p, values);
  }

  /**
   * An element key {@code "alpha[1]" { ... }}: an axis or a sample block on one element of a vector
   * whose fixed values are already read; recorded in {@code axes} or {@code samples} by parameter.
   */
  private static void element(
      String key,
      ConfigValue v,
      Map<String, Param> params,
      Map<String, SampleBlock.Request> sampledWhole,
      Map<String, List<Axis>> axes,
      Map<String, List<SampleBlock.Request>> samples) {
    Matcher m = ELEMENT.matcher(key);
    m.matches();
    Param p = params.get(m.group(1));
    String k = "inputs.\"" + key + "\"";
    int element;
    try {
      element = Integer.parseInt(m.group(2));
    } catch (NumberFormatException ex) {
      element = Integer.MAX_VALUE;
    }
    if (p.shape().isScalar() || element >= p.shape().size()) {
      throw new ConfException(
          at(v)
              + k
              + ": '"
              + p.name()
              + "' is a "
              + describe(p)
              + (p.shape().isScalar() ? "; write the axis as " + p.name() + " { ... }" : "")
              + (p.shape().isScalar()
                  ? ""
                  : "; elements are "
                      + p.name()
                      + "[0].."
                      + p.name()
                      + "["
                      + (p.shape().size() - 1)
                      + "]"));
    }
    if (sampledWhole.containsKey(p.name())) {
      throw new ConfException(
          at(v)
              + k
              + ": "
              + p.name()
              + " is sampled as a whole (inputs."
              + p.name()
              + " { sample = ... }), so its elements cannot be set one by one; give "
              + p.name()
              + " a list of fixed values to sample or sweep single elements");
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw new ConfException(
          at(v)
              + k
              + ": an element axis needs { from, to, points } or { values = [...] }, a sampled"
              + " element { sample, points, from, to }");
    }
    ConfigObject o = (ConfigObject) v;
    AxisInput input = new AxisInput.Element(p.name(), element);
    if (SampleBlock.isSample(o)) {
      samples
          .computeIfAbsent(p.name(), n -> new ArrayList<>())
          .add(SampleBlock.parse(o, List.of(input), k));
    } else {
      axes.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(AxisBlock.parse(o, input, k));
    }
  }

  private static Grid grid(List<Axis> axes) {
    try {
      return new Grid(axes);
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
  }
}
