package gradgrid.job.conf;

import gradgrid.ad.Param;
import java.util.List;

/**
 * Tells the conf loader which parameters a function takes, so inputs can be checked against them.
 * The evaluation side ({@code gradgrid.job.run.FunctionProviders}) implements it.
 */
@FunctionalInterface
public interface SignatureResolver {
  /**
   * Returns the parameters of {@code function}, in call order.
   *
   * @param function the function from the conf
   * @return its parameters
   * @throws ConfException if the function is unknown or its options are wrong
   */
  List<Param> signature(FunctionSpec function);
}
