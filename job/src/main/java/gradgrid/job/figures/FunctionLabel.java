package gradgrid.job.figures;

import gradgrid.job.conf.FunctionSpec;
import gradgrid.job.conf.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a figure names the sweep's function: whether the sweep is the reference's (the built-in
 * {@code rational}, whose figures keep the reference's numbering and titles), and a one-line label
 * of any other function for its titles.
 */
final class FunctionLabel {
  /** Longest label in a title; a longer expression is cut and ends in "...". */
  static final int MAX_CHARS = 60;

  private FunctionLabel() {}

  /**
   * Whether the sweep evaluates the reference's function, the built-in {@code rational}.
   *
   * @param spec the sweep
   * @return true for the seed's function (any degrees)
   */
  static boolean isReference(SweepSpec spec) {
    return "rational".equals(spec.function().builtin());
  }

  /**
   * The function in one line: {@code rational(deg-p = 5, deg-q = 5)} for a built-in; for a text
   * function its leading comment, as a docstring, when it starts with one ({@code # Lotka-Volterra
   * prey x(10)}), else the expression without comments and with its white space collapsed (cut at
   * {@link #MAX_CHARS} either way).
   *
   * @param fn the function
   * @return the label
   */
  static String of(FunctionSpec fn) {
    if (fn.builtin() != null) {
      Map<String, Object> opts = new TreeMap<>(fn.options().root().unwrapped());
      opts.remove("builtin");
      List<String> parts = new ArrayList<>();
      opts.forEach((k, v) -> parts.add(k + " = " + v));
      return parts.isEmpty() ? fn.builtin() : fn.builtin() + "(" + String.join(", ", parts) + ")";
    }
    String expression = fn.expression().strip();
    String doc =
        expression.startsWith("#") ? expression.lines().findFirst().orElse("#").substring(1) : "";
    String text =
        doc.isBlank()
            ? expression.replaceAll("#[^\\n\\r]*", " ").strip().replaceAll("\\s+", " ")
            : doc.strip();
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 3) + "...";
  }
}
