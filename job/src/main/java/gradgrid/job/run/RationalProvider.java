package gradgrid.job.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.lang.Suggest;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FunctionSpec;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worked example {@code f(x, alpha, beta) = P(x) / (1 + Q(x)^2)}: {@code function { builtin =
 * rational, deg-p = 5, deg-q = 5 }} (degrees default to 5) with inputs {@code x}, {@code
 * alpha[deg-p + 1]}, {@code beta[deg-q + 1]}.
 */
public final class RationalProvider implements FunctionProvider, FunctionProviders.BuiltinNames {
  private static final Set<String> KEYS = Set.of("deg-p", "deg-q");

  @Override
  public List<String> builtinNames() {
    return List.of("rational");
  }

  @Override
  public boolean accepts(FunctionSpec function) {
    return "rational".equals(function.builtin());
  }

  @Override
  public List<Param> signature(FunctionSpec function) {
    int p = degree(function, "deg-p");
    int q = degree(function, "deg-q");
    return List.of(Param.scalar("x"), Param.vector("alpha", p + 1), Param.vector("beta", q + 1));
  }

  @Override
  public EvaluatorFactory evaluator(
      FunctionSpec function, List<InputBinding> inputs, List<OutputSpec> outputs) {
    List<Param> params = inputs.stream().map(InputBinding::param).toList();
    return new AdEvaluatorFactory(traced(function, params), inputs, outputs);
  }

  @Override
  public Fn traced(FunctionSpec function, List<Param> params) {
    return Rational.of(degree(function, "deg-p"), degree(function, "deg-q"));
  }

  private static int degree(FunctionSpec function, String key) {
    Config o = function.options();
    for (Map.Entry<String, ConfigValue> e : o.root().entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        throw new ConfException(
            function.origin()
                + ": unknown key 'function."
                + e.getKey()
                + "' for builtin rational (known: deg-p, deg-q)"
                + Suggest.didYouMean(e.getKey(), KEYS));
      }
    }
    if (!o.hasPath(key)) {
      return 5;
    }
    Object v = o.getValue(key).unwrapped();
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < 0
        || n.doubleValue() > 64) {
      throw new ConfException(
          function.origin() + "." + key + ": expected a whole number from 0 to 64, got " + v);
    }
    return n.intValue();
  }
}
