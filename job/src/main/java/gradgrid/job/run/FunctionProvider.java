package gradgrid.job.run;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FunctionSpec;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import java.util.List;

/**
 * A source of functions for sweeps, found with {@link java.util.ServiceLoader} (list
 * implementations in {@code META-INF/services/gradgrid.job.run.FunctionProvider}).
 */
public interface FunctionProvider {
  /**
   * Whether this provider handles the function.
   *
   * @param function the function from the conf
   * @return true if {@link #signature} and {@link #evaluator} accept it
   */
  boolean accepts(FunctionSpec function);

  /**
   * The function's parameters, in call order; checks the function's options.
   *
   * @param function the function from the conf
   * @return its parameters
   * @throws gradgrid.job.conf.ConfException naming the option that is wrong
   */
  List<Param> signature(FunctionSpec function);

  /**
   * Builds the evaluator for the requested outputs with the sweep's inputs bound: it reads the axis
   * columns only (see {@link BatchEvaluator} for the columns).
   *
   * @param function the function from the conf
   * @param inputs how each parameter (as returned by {@link #signature}) is set, in call order
   * @param outputs the requested outputs, in conf order
   * @return the factory shipped to executors
   * @throws gradgrid.job.conf.ConfException if an output cannot be computed for this function
   */
  EvaluatorFactory evaluator(
      FunctionSpec function, List<InputBinding> inputs, List<OutputSpec> outputs);

  /**
   * The function itself, traced, for stages that apply the AD transforms on their own (extrema's
   * Newton steps use its {@code grad}s).
   *
   * @param function the function from the conf
   * @param params its parameters, as returned by {@link #signature}
   * @return the traced scalar function of {@code params}, in order
   * @throws ConfException if this provider has no traced form (the default)
   */
  default Fn traced(FunctionSpec function, List<Param> params) {
    throw new ConfException(
        function.origin() + ": " + function.describe() + " has no traced form to differentiate");
  }
}
