package gradgrid.job.conf;

import com.typesafe.config.Config;
import gradgrid.ad.Param;
import java.util.List;
import java.util.Optional;

/**
 * The function a sweep evaluates: a built-in by name with its options (for example {@code builtin =
 * rational, deg-p = 5, deg-q = 5}) or a text expression.
 *
 * @param builtin the built-in's name, or null for an expression
 * @param options the built-in's other keys (never null; empty for an expression)
 * @param expression the expression text, or null for a built-in
 * @param params the expression's parameters in call order, as the conf lists them or as inferred
 *     from its inputs; empty for a built-in (its provider knows them)
 * @param origin where the function was defined (file and line), for messages
 */
public record FunctionSpec(
    String builtin, Config options, String expression, List<Param> params, String origin) {
  /**
   * Returns the built-in's name when this is a built-in.
   *
   * @return the name, or empty for an expression
   */
  public Optional<String> builtinName() {
    return Optional.ofNullable(builtin);
  }

  /**
   * Describes the function for messages and logs.
   *
   * @return {@code builtin 'rational'} or {@code expression "..."}
   */
  public String describe() {
    return builtin != null ? "builtin '" + builtin + "'" : "expression \"" + expression + "\"";
  }
}
