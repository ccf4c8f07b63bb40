package gradgrid.job.conf;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.Param;
import gradgrid.ad.lang.Suggest;
import java.util.Map;
import java.util.Set;

/**
 * The value helpers every block of a sweep conf reads with, and their messages: each problem is a
 * {@link ConfException} that starts with the value's {@code file:line:} and names the full key.
 */
final class ConfValues {
  private ConfValues() {}

  /** "file.conf:12: " for messages, or "" when the value has no file origin. */
  static String at(ConfigValue v) {
    ConfigOrigin o = v.origin();
    if (o == null || o.lineNumber() < 0) {
      return "";
    }
    String file = o.filename() != null ? o.filename() : o.description();
    return file + ":" + o.lineNumber() + ": ";
  }

  /**
   * A parameter's shape in words, for messages: {@code scalar} or {@code vector of 6}.
   *
   * @param p the parameter
   * @return the description
   */
  static String describe(Param p) {
    return p.shape().isScalar() ? "scalar" : "vector of " + p.shape().size();
  }

  /** The value's line in its file, or -1 when it has none. */
  static int line(ConfigValue v) {
    // Typesafe Config 1.4 numbers an object or a list without the lines of a triple-quoted string
    // before it, while its scalars are numbered right: an object or list is at its first scalar.
    if (v instanceof ConfigObject o && !o.isEmpty()) {
      return first(o.values());
    }
    if (v instanceof ConfigList l && !l.isEmpty()) {
      return first(l);
    }
    return v.origin() == null ? -1 : v.origin().lineNumber();
  }

  private static int first(Iterable<ConfigValue> values) {
    int min = -1;
    for (ConfigValue c : values) {
      int n = line(c);
      if (n > 0 && (min < 0 || n < min)) {
        min = n;
      }
    }
    return min;
  }

  /** Refuses the first key of {@code o} not in {@code known}, with a did-you-mean hint. */
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

  /** The value of a key that must be there, of {@code type} unless that is null. */
  static ConfigValue require(ConfigObject o, String key, ConfigValueType type, String prefix) {
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

  /** A string value. */
  static String string(ConfigValue v, String key) {
    if (v.valueType() != ConfigValueType.STRING) {
      throw new ConfException(
          at(v) + key + ": expected a string, got " + v.valueType().name().toLowerCase());
    }
    return (String) v.unwrapped();
  }

  /** A finite number, written as a number or as a string that parses as one. */
  static double number(ConfigValue v, String key) {
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

  /**
   * Refuses a range whose width {@code to - from} overflows a double: every point in it is {@code
   * from + (to - from) * t}, which would then be infinite or NaN.
   *
   * @param where the message's opening (position and key)
   */
  static void checkWidth(double from, double to, String where) {
    if (!Double.isFinite(to - from)) {
      throw new ConfException(
          where
              + ": the range from "
              + from
              + " to "
              + to
              + " is wider than a double can hold (to - from overflows), so its points would be"
              + " infinite; narrow it");
    }
  }

  /**
   * Refuses a path that starts with {@code ~}: only a shell expands it, so gradgrid would take it
   * as a directory named {@code ~}.
   *
   * @param path the path as gradgrid would use it
   * @param text the conf's text, for the message
   * @param key the key's position and name, like {@code "conf:3: output.dir: "}
   * @throws ConfException when {@code path} is {@code ~} or starts with {@code ~/}
   */
  static void refuseTilde(String path, String text, String key) {
    if (path.equals("~") || path.startsWith("~/")) {
      throw new ConfException(
          key
              + "'"
              + text
              + "' starts with ~, which only a shell expands (gradgrid would take it as a"
              + " directory named ~); write the full path, or \"\"${HOME}\"/...\" (HOCON substitutes"
              + " environment variables)");
    }
  }

  /** A list of finite numbers; messages name the element ({@code key[3]}). */
  static double[] numbers(ConfigList list, String key) {
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(list.get(i), key + "[" + i + "]");
    }
    return out;
  }

  /** A whole number in 1 .. 2^63 - 1. */
  static long positiveLong(ConfigValue v, String key) {
    double d = number(v, key);
    if (d <= 0 || d != Math.rint(d) || d >= 0x1p63) {
      throw new ConfException(at(v) + key + ": must be a positive whole number, got " + render(v));
    }
    return (long) d;
  }

  /**
   * A whole number in 1 .. {@link Integer#MAX_VALUE}; anything else is refused as "expected {@code
   * what}, got ...".
   */
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

  /** The value as the conf would write it, for messages. */
  static String render(ConfigValue v) {
    return v.render(ConfigRenderOptions.concise());
  }
}
