package gradgrid.job.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.lang.Lang;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FunctionSpec;
import gradgrid.job.conf.InputParam;
import gradgrid.job.conf.Limits;
import gradgrid.job.conf.OutputSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Functions written as text in the conf ({@code gradgrid.ad.lang}, see {@code README.md}, "The
 * function language"): {@code function { expression = "...", params = ["x", "alpha[6]", "beta[6]"]
 * }}, or just {@code function = "..."} with the parameters taken from the inputs in the order they
 * are written.
 */
public final class ExpressionProvider implements FunctionProvider {
  /** Name of the traced function; outputs are named after it ({@code f}, {@code df_dx}). */
  public static final String NAME = "f";

  /** The longest vector parameter {@code name[n]} ({@code n} is a Java array length). */
  static final int MAX_VECTOR_LENGTH = Integer.MAX_VALUE - 8;

  private static final Pattern PARAM = Pattern.compile("([A-Za-z_]\\w*)(?:\\[(\\d+)])?");

  @Override
  public boolean accepts(FunctionSpec function) {
    return function.expression() != null;
  }

  @Override
  public List<InputParam> signature(FunctionSpec function) {
    List<InputParam> params = params(function);
    Fn f = parse(function, params);
    if (!f.outputShapes().get(0).isScalar()) {
      throw new ConfException(
          function.origin()
              + ": the expression must give a scalar; it gives "
              + f.outputShapes().get(0));
    }
    return params;
  }

  @Override
  public EvaluatorFactory evaluator(
      FunctionSpec function, List<InputParam> params, List<OutputSpec> outputs) {
    return new AdEvaluatorFactory(traced(function, params), outputs);
  }

  @Override
  public Fn traced(FunctionSpec function, List<InputParam> params) {
    return parse(function, params);
  }

  private static Fn parse(FunctionSpec function, List<InputParam> params) {
    List<Param> ps = new ArrayList<>();
    for (InputParam p : params) {
      ps.add(p.scalar() ? Param.scalar(p.name()) : Param.vector(p.name(), p.size()));
    }
    try {
      return Lang.parse(NAME, function.expression(), ps);
    } catch (AdException e) {
      throw new ConfException(function.origin() + ": " + e.getMessage());
    }
  }

  private static List<InputParam> params(FunctionSpec function) {
    Config o = function.options();
    List<String> names;
    try {
      names = o.getStringList("params");
    } catch (ConfigException.Missing e) {
      throw new ConfException(
          function.origin()
              + ".params: missing; list the parameters in call order, like"
              + " params = [\"x\", \"alpha[6]\", \"beta[6]\"]");
    } catch (ConfigException.WrongType e) {
      throw new ConfException(
          function.origin() + ".params: expected a list of strings like [\"x\", \"alpha[6]\"]");
    }
    for (String key : o.root().keySet()) {
      if (!key.equals("params")) {
        throw new ConfException(
            function.origin()
                + ": unknown key 'function."
                + key
                + "' for an expression (known: expression, params)");
      }
    }
    List<InputParam> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String s : names) {
      Matcher m = PARAM.matcher(s.trim());
      if (!m.matches()) {
        throw new ConfException(
            function.origin()
                + ".params: '"
                + s
                + "' is not a parameter; write a name (a scalar) or name[n] (a vector of n)");
      }
      if (!seen.add(m.group(1))) {
        throw new ConfException(
            function.origin() + ".params: '" + m.group(1) + "' is listed more than once");
      }
      if (m.group(2) == null) {
        out.add(InputParam.scalar(m.group(1)));
      } else {
        long n = Limits.parseDigits(m.group(2));
        if (n < 1) {
          throw new ConfException(
              function.origin() + ".params: '" + s + "' needs a length of at least 1");
        }
        if (n > MAX_VECTOR_LENGTH) {
          throw new ConfException(
              function.origin()
                  + ".params: '"
                  + s
                  + "': a vector may have at most "
                  + MAX_VECTOR_LENGTH
                  + " elements, got "
                  + m.group(2));
        }
        out.add(InputParam.vector(m.group(1), (int) n));
      }
    }
    if (out.isEmpty()) {
      throw new ConfException(function.origin() + ".params: the list is empty");
    }
    return out;
  }
}
