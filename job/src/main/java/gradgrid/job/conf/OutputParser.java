package gradgrid.job.conf;

import gradgrid.ad.Param;
import gradgrid.ad.lang.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses output strings: {@code f}, {@code f'}, {@code f''}, {@code df/dx}, {@code d3f/dx3}, {@code
 * taylor(x, 4)}, {@code grad(alpha)}, {@code grad(alpha, beta)}, {@code hessian(alpha)}, {@code
 * hessian(alpha, beta)}, {@code eigenvalues(hessian(alpha, beta))}, {@code critical-points(x, -10,
 * 10, 20001)}. One string is one output except {@code taylor(x, k)}, which is {@code f} and the
 * derivatives w.r.t. x of orders 1..k, one column each.
 */
public final class OutputParser {
  /** The accepted forms, for error messages. */
  public static final String FORMS =
      "f, f', f'', df/dx, d2f/dx2 (any order, scalar input), taylor(x, k) (f and df/dx .."
          + " dkf/dxk), grad(alpha), grad(alpha, beta), hessian(alpha), hessian(alpha, beta),"
          + " eigenvalues(hessian(alpha, beta)),"
          + " critical-points(x, from, to, points)";

  private static final Pattern PRIMES = Pattern.compile("f('+)");
  private static final Pattern LEIBNIZ = Pattern.compile("d(\\d*)f/d([A-Za-z_]\\w*)");
  private static final Pattern CRITICAL_POINTS = Pattern.compile("critical-points\\((.*)\\)");
  private static final Pattern TAYLOR = Pattern.compile("taylor\\((.*)\\)");
  private static final Pattern CALL = Pattern.compile("([a-z]+)\\((.*)\\)");

  private OutputParser() {}

  /**
   * Parses one output string and checks it against the function's parameters.
   *
   * @param text the output as written in the conf
   * @param params the function's parameters, in call order
   * @param where the key and origin for messages, for example {@code outputs[2] (seed.conf:14)}
   * @param limits the derivative order limit
   * @return the outputs it names, in column order (one, except for {@code taylor(x, k)})
   * @throws ConfException naming {@code where} if the text is not an output of this function
   */
  public static List<OutputSpec> parse(
      String text, Map<String, Param> params, String where, Limits limits) {
    String s = text.replaceAll("\\s+", "");
    Matcher m = TAYLOR.matcher(s);
    if (m.matches()) {
      return taylor(m.group(1), params, where, text, limits);
    }
    return List.of(one(s, text, params, where, limits));
  }

  /**
   * One output from its text {@code s} without whitespace ({@code text} as written, for messages).
   */
  private static OutputSpec one(
      String s, String text, Map<String, Param> params, String where, Limits limits) {
    if (s.equals("f")) {
      return new OutputSpec.Value();
    }
    Matcher m = PRIMES.matcher(s);
    if (m.matches()) {
      Param first = params.values().iterator().next();
      if (!first.shape().isScalar()) {
        throw new ConfException(
            where
                + ": '"
                + text
                + "' differentiates w.r.t. the first input '"
                + first.name()
                + "', which is a "
                + ConfValues.describe(first)
                + "; use grad("
                + first.name()
                + ")");
      }
      int order = m.group(1).length();
      limits.checkOrder(order, Integer.toString(order), where, text);
      return new OutputSpec.Derivative(first.name(), order);
    }
    m = LEIBNIZ.matcher(s);
    if (m.matches()) {
      long order = m.group(1).isEmpty() ? 1 : Limits.parseDigits(m.group(1));
      String var = m.group(2);
      if (order > 1) {
        String suffix = m.group(1).replaceFirst("^0+(?=.)", "");
        if (!var.endsWith(suffix) || var.length() == suffix.length()) {
          throw new ConfException(
              where + ": '" + text + "': write the order on both sides, like d2f/dx2");
        }
        var = var.substring(0, var.length() - suffix.length());
      }
      if (order < 1) {
        throw new ConfException(where + ": '" + text + "': derivative order must be >= 1");
      }
      Param p = param(var, params, where, text);
      if (!p.shape().isScalar()) {
        throw new ConfException(
            where
                + ": '"
                + text
                + "': '"
                + var
                + "' is a "
                + ConfValues.describe(p)
                + "; derivatives like df/dx need a scalar input (use grad("
                + var
                + ") or hessian("
                + var
                + "))");
      }
      limits.checkOrder(order, m.group(1), where, text);
      return new OutputSpec.Derivative(var, (int) order);
    }
    m = CRITICAL_POINTS.matcher(s);
    if (m.matches()) {
      return criticalPoints(m.group(1), params, where, text, limits);
    }
    m = CALL.matcher(s);
    if (m.matches()) {
      String fn = m.group(1);
      String args = m.group(2);
      switch (fn) {
        case "grad" -> {
          List<String> a = names(args, params, where, text);
          if (a.isEmpty() || a.size() != a.stream().distinct().count()) {
            throw new ConfException(
                where
                    + ": '"
                    + text
                    + "': grad takes one or more inputs, each once, like grad(alpha) or"
                    + " grad(alpha, beta)");
          }
          return new OutputSpec.Grad(a);
        }
        case "hessian" -> {
          List<String> a = names(args, params, where, text);
          if (a.size() == 1) {
            return new OutputSpec.Hessian(a.get(0), a.get(0));
          }
          if (a.size() == 2) {
            return new OutputSpec.Hessian(a.get(0), a.get(1));
          }
          throw new ConfException(where + ": '" + text + "': hessian takes one or two inputs");
        }
        case "eigenvalues" -> {
          Matcher inner = CALL.matcher(args);
          if (!inner.matches() || !inner.group(1).equals("hessian")) {
            throw new ConfException(
                where + ": '" + text + "': eigenvalues takes a hessian, like " + FORMS);
          }
          List<String> a = names(inner.group(2), params, where, text);
          if (a.isEmpty() || a.size() != a.stream().distinct().count()) {
            throw new ConfException(
                where + ": '" + text + "': list each input once inside hessian(...)");
          }
          return new OutputSpec.Eigenvalues(a);
        }
        default -> {
          // falls through to the generic error below
        }
      }
    }
    throw new ConfException(
        where + ": cannot read output '" + text + "'; accepted forms: " + FORMS);
  }

  private static List<OutputSpec> taylor(
      String args, Map<String, Param> params, String where, String text, Limits limits) {
    String[] a = args.split(",", -1);
    if (a.length != 2) {
      throw new ConfException(
          where
              + ": '"
              + text
              + "': taylor takes 2 arguments: a scalar input and the highest order, like"
              + " taylor(x, 4)");
    }
    Param p =
        scalarInput(
            a[0],
            params,
            where,
            text,
            "taylor expands in a scalar input (use grad(" + a[0] + ") or hessian(" + a[0] + "))");
    if (!a[1].matches("\\d+")) {
      throw new ConfException(
          where + ": '" + text + "': the order must be a whole number, got '" + a[1] + "'");
    }
    long order = Limits.parseDigits(a[1]);
    if (order < 1) {
      throw new ConfException(where + ": '" + text + "': the order must be >= 1 (f is just f)");
    }
    limits.checkOrder(order, a[1], where, text);
    List<OutputSpec> out = new ArrayList<>();
    out.add(new OutputSpec.Value());
    for (int k = 1; k <= order; k++) {
      out.add(new OutputSpec.Derivative(p.name(), k));
    }
    return out;
  }

  private static OutputSpec criticalPoints(
      String args, Map<String, Param> params, String where, String text, Limits limits) {
    String[] a = args.split(",", -1);
    if (a.length != 4) {
      throw new ConfException(
          where
              + ": '"
              + text
              + "': critical-points takes 4 arguments: the scalar input to scan, from, to and"
              + " points, like critical-points(x, -10, 10, 20001)");
    }
    Param p = scalarInput(a[0], params, where, text, "critical-points scans a scalar input");
    double from = number(a[1], "from", where, text);
    double to = number(a[2], "to", where, text);
    if (!(from < to)) {
      throw new ConfException(
          where
              + ": '"
              + text
              + "': from must be less than to; got from = "
              + a[1]
              + ", to = "
              + a[2]);
    }
    ConfValues.checkWidth(from, to, where + ": '" + text + "'");
    if (!a[3].matches("\\d+")) {
      throw new ConfException(
          where + ": '" + text + "': points must be a whole number, got '" + a[3] + "'");
    }
    long points = Limits.parseDigits(a[3]);
    limits.checkInnerPoints(points, where, text);
    return new OutputSpec.CriticalPoints(p.name(), from, to, (int) points);
  }

  private static double number(String s, String name, String where, String text) {
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!Double.isFinite(v) || s.matches(".*[A-Za-z&&[^eE]].*")) {
      throw new ConfException(
          where + ": '" + text + "': " + name + " must be a finite number, got '" + s + "'");
    }
    return v;
  }

  private static List<String> names(
      String args, Map<String, Param> params, String where, String text) {
    List<String> out = new ArrayList<>();
    if (args.isEmpty()) {
      return out;
    }
    for (String a : args.split(",", -1)) {
      out.add(param(a, params, where, text).name());
    }
    return out;
  }

  /** The scalar input {@code name}; refused, saying {@code why}, when it is a vector. */
  private static Param scalarInput(
      String name, Map<String, Param> params, String where, String text, String why) {
    Param p = param(name, params, where, text);
    if (!p.shape().isScalar()) {
      throw new ConfException(
          where + ": '" + text + "': '" + name + "' is a " + ConfValues.describe(p) + "; " + why);
    }
    return p;
  }

  private static Param param(String name, Map<String, Param> params, String where, String text) {
    Param p = params.get(name);
    if (p == null) {
      throw new ConfException(
          where
              + ": '"
              + text
              + "' names input '"
              + name
              + "', which the function does not have (inputs: "
              + String.join(", ", params.keySet())
              + ")"
              + Suggest.didYouMean(name, params.keySet()));
    }
    return p;
  }
}
