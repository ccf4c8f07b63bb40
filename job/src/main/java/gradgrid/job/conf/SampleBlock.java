package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.checkKeys;
import static gradgrid.job.conf.ConfValues.checkWidth;
import static gradgrid.job.conf.ConfValues.number;
import static gradgrid.job.conf.ConfValues.numbers;
import static gradgrid.job.conf.ConfValues.positiveLong;
import static gradgrid.job.conf.ConfValues.render;
import static gradgrid.job.conf.ConfValues.require;
import static gradgrid.job.conf.ConfValues.string;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.lang.Suggest;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.grid.SampleMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A sampled input: {@code { sample = sobol | uniform, points = N, from = ..., to = ... }} (and
 * {@code seed} for uniform) on a scalar, a whole vector (bounds a number or one per element) or one
 * vector element. The sampled inputs of a conf make one joint sample space ({@link #joint}): they
 * must agree on {@code sample}, {@code points} and {@code seed}.
 */
final class SampleBlock {
  private static final Set<String> KEYS = Set.of("sample", "points", "from", "to", "seed");
  private static final List<String> METHODS = List.of("sobol", "uniform");

  private SampleBlock() {}

  /**
   * One sampled input as the conf writes it.
   *
   * @param key the input's key for messages ({@code inputs.alpha})
   * @param block the block, for its position in messages
   * @param method how the unit cube is filled
   * @param points the number of samples
   * @param inputs the coordinates it drives (one for a scalar or an element, a vector's size for a
   *     vector)
   * @param from per coordinate, the lower bound
   * @param to per coordinate, the upper bound
   */
  record Request(
      String key,
      ConfigObject block,
      SampleMethod method,
      long points,
      List<AxisInput> inputs,
      double[] from,
      double[] to) {
    /**
     * The element a single-element request drives ({@code alpha[1]} gives 1).
     *
     * @return the element index
     */
    int element() {
      return ((AxisInput.Element) inputs.get(0)).index();
    }
  }

  /**
   * Whether an input's object is a sample block (it has a {@code sample} key).
   *
   * @param o the input's object
   * @return true for a sample block
   */
  static boolean isSample(ConfigObject o) {
    return o.containsKey("sample");
  }

  /**
   * Reads a sample block.
   *
   * @param o the block
   * @param inputs the coordinates it drives, in element order
   * @param key the input's key for messages ({@code inputs.alpha})
   * @return the request
   * @throws ConfException if a key is unknown or misplaced, the method unknown, the point count not
   *     positive or too large, a bound list of the wrong length, or a range empty
   */
  static Request parse(ConfigObject o, List<AxisInput> inputs, String key) {
    String k = key + ".";
    if (o.containsKey("values")) {
      throw new ConfException(
          at(o.get("values"))
              + k
              + "values: a sampled input takes sample, points, from, to (and seed for uniform);"
              + " values = [...] makes a list axis, without sample");
    }
    checkKeys(o, KEYS, k);
    ConfigValue mv = o.get("sample");
    String name = string(mv, k + "sample");
    ConfigValue pv = require(o, "points", null, k);
    long points = positiveLong(pv, k + "points");
    ConfigValue seed = o.get("seed");
    SampleMethod method =
        switch (name) {
          case "sobol" -> {
            if (seed != null) {
              throw new ConfException(
                  at(seed)
                      + k
                      + "seed: a Sobol sequence has no seed; seed goes with sample = uniform");
            }
            if (points > SampleMethod.Sobol.MAX_POINTS) {
              throw new ConfException(
                  at(pv)
                      + k
                      + "points: a Sobol sweep takes at most "
                      + SampleMethod.Sobol.MAX_POINTS
                      + " points (Hipparchus numbers them with an int), got "
                      + points);
            }
            yield new SampleMethod.Sobol();
          }
          case "uniform" -> {
            if (seed == null) {
              throw new ConfException(
                  at(o)
                      + k
                      + "seed: missing; sample = uniform needs a seed (a whole number) so that"
                      + " the sweep is reproducible");
            }
            yield new SampleMethod.Uniform(seed(seed, k + "seed"));
          }
          default ->
              throw new ConfException(
                  at(mv)
                      + k
                      + "sample: unknown sampling '"
                      + name
                      + "' (sobol or uniform)"
                      + Suggest.didYouMean(name, METHODS));
        };
    double[] from = bounds(require(o, "from", null, k), inputs.size(), k + "from");
    double[] to = bounds(require(o, "to", null, k), inputs.size(), k + "to");
    for (int d = 0; d < from.length; d++) {
      if (!(from[d] < to[d])) {
        throw new ConfException(
            at(o)
                + key
                + ": from ("
                + from[d]
                + ") must be less than to ("
                + to[d]
                + ")"
                + (from.length > 1 ? " for " + inputs.get(d).confName() : "")
                + "; a sampled range cannot be empty (fix the input instead)");
      }
      checkWidth(
          from[d],
          to[d],
          at(o) + key + (from.length > 1 ? " (" + inputs.get(d).confName() + ")" : ""));
    }
    return new Request(key, o, method, points, inputs, from, to);
  }

  /**
   * Checks that the sampled inputs agree on one sample space (one point of the joint space per row)
   * and gives its method and point count.
   *
   * @param requests the sampled inputs, at least one
   * @return the first request, whose method and points every other shares
   * @throws ConfException if two inputs differ in {@code sample}, {@code points} or {@code seed}
   */
  static Request joint(List<Request> requests) {
    Request first = requests.get(0);
    for (Request r : requests) {
      if (r.points() != first.points() || !r.method().equals(first.method())) {
        throw new ConfException(
            at(r.block())
                + r.key()
                + ": every sampled input shares one sample index, so all must agree on sample,"
                + " points and seed; "
                + first.key()
                + " has "
                + describe(first)
                + ", "
                + r.key()
                + " has "
                + describe(r));
      }
    }
    return first;
  }

  private static String describe(Request r) {
    return "sample = "
        + r.method().confName()
        + ", points = "
        + r.points()
        + (r.method() instanceof SampleMethod.Uniform u ? ", seed = " + u.seed() : "");
  }

  /** A bound: one number for every coordinate, or a list with one per coordinate. */
  private static double[] bounds(ConfigValue v, int size, String key) {
    if (v.valueType() == ConfigValueType.LIST) {
      double[] b = numbers((ConfigList) v, key);
      if (b.length != size) {
        throw new ConfException(
            at(v)
                + key
                + ": expected one number for every element or a list of "
                + size
                + ", got a list of "
                + b.length);
      }
      return b;
    }
    double b = number(v, key);
    double[] all = new double[size];
    Arrays.fill(all, b);
    return all;
  }

  /** A whole number, the uniform sample's seed. */
  private static long seed(ConfigValue v, String key) {
    Object u = v.unwrapped();
    if (v.valueType() != ConfigValueType.NUMBER || !(u instanceof Integer || u instanceof Long)) {
      throw new ConfException(at(v) + key + ": expected a whole number, got " + render(v));
    }
    return ((Number) u).longValue();
  }
}
