package gradgrid.job.run;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.lang.Lang;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FunctionSpec;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import java.util.List;

/**
 * Functions written as text in the conf ({@code gradgrid.ad.lang}, see {@code README.md}, "The
 * function language"): {@code function { expression = "...", params = ["x", "alpha[6]", "beta[6]"]
 * }}, or just {@code function = "..."} with the parameters taken from the inputs in the order they
 * are written. The conf reader gives the parameters ({@link FunctionSpec#params}); this provider
 * parses the text against them.
 */
public final class ExpressionProvider implements FunctionProvider {
  /** Name of the traced function; outputs are named after it ({@code f}, {@code df_dx}). */
  public static final String NAME = "f";

  @Override
  public boolean accepts(FunctionSpec function) {
    return function.expression() != null;
  }

  @Override
  public List<Param> signature(FunctionSpec function) {
    List<Param> params = function.params();
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
      FunctionSpec function, List<InputBinding> inputs, List<OutputSpec> outputs) {
    List<Param> params = inputs.stream().map(InputBinding::param).toList();
    return new AdEvaluatorFactory(traced(function, params), inputs, outputs);
  }

  @Override
  public Fn traced(FunctionSpec function, List<Param> params) {
    return parse(function, params);
  }

  private static Fn parse(FunctionSpec function, List<Param> params) {
    try {
      return Lang.parse(NAME, function.expression(), params);
    } catch (AdException e) {
      throw new ConfException(function.origin() + ": " + e.getMessage());
    }
  }
}
