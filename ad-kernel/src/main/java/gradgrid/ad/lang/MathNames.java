package gradgrid.ad.lang;

import java.util.Map;
import java.util.Set;

/**
 * Mathematical function names that users reach for but the language spells differently or lacks. An
 * unknown function gets "did you mean" only from typo distance, which would answer {@code gamma}
 * with some short function that happens to be near it: a different function. For the names here the
 * error says instead what exists: the language's own name for the same function, or that there is
 * none.
 */
final class MathNames {
  private MathNames() {}

  /** Other libraries' names (numpy, C, Julia) for functions the language has. */
  static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("arcsin", "asin"),
          Map.entry("arccos", "acos"),
          Map.entry("arctan", "atan"),
          Map.entry("arctan2", "atan2"),
          Map.entry("arcsinh", "asinh"),
          Map.entry("arccosh", "acosh"),
          Map.entry("arctanh", "atanh"),
          Map.entry("ln", "log"),
          Map.entry("expit", "sigmoid"),
          Map.entry("logistic", "sigmoid"),
          Map.entry("clamp", "clip"),
          Map.entry("signum", "sign"),
          Map.entry("rint", "round"),
          Map.entry("fabs", "abs"),
          Map.entry("stop_gradient", "stopGradient"),
          Map.entry("power", "pow"),
          Map.entry("minimum", "min"),
          Map.entry("maximum", "max"));

  /** Well-known functions the language does not have. */
  static final Set<String> LACKING =
      Set.of(
          "gamma",
          "lgamma",
          "loggamma",
          "digamma",
          "polygamma",
          "beta",
          "betainc",
          "gammainc",
          "gammaincc",
          "zeta",
          "besselj",
          "bessely",
          "besseli",
          "besselk",
          "j0",
          "j1",
          "y0",
          "y1",
          "erfinv",
          "erfcinv",
          "erfcx",
          "lambertw",
          "sinc",
          "sec",
          "csc",
          "cot",
          "asec",
          "acsc",
          "acot",
          "sech",
          "csch",
          "coth",
          "logit",
          "relu",
          "gelu",
          "exp2",
          "logaddexp",
          "logsumexp",
          "softmax",
          "trunc",
          "fmod",
          "mod",
          "rem",
          "factorial",
          "binomial",
          "airy",
          "ellipk",
          "ellipe");

  /**
   * The sentence for an unknown function with a known mathematical name, or null when the name is
   * not one of them (then the caller's typo hint applies).
   */
  static String explain(String name, String functions) {
    String alias = ALIASES.get(name);
    if (alias != null) {
      return "; the language calls it " + Source.quote(alias);
    }
    if (LACKING.contains(name)) {
      return "; the language has no " + name + " function. The functions are " + functions;
    }
    return null;
  }
}
