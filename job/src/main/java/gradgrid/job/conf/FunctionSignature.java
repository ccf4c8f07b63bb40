package gradgrid.job.conf;

import gradgrid.ad.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function without a sweep: what a conf's {@code function} block names, with its parameters and
 * the limits its outputs are checked against. The SQL functions of a conf are built from this.
 *
 * @param function the function
 * @param params its parameters, in call order
 * @param limits the conf's limits (the defaults when it has no {@code limits} block)
 */
public record FunctionSignature(FunctionSpec function, List<Param> params, Limits limits) {
  /**
   * Copies the parameters.
   *
   * @param function the function
   * @param params its parameters
   * @param limits the limits
   */
  public FunctionSignature {
    params = List.copyOf(params);
  }

  /**
   * The parameters by name, in call order.
   *
   * @return an ordered map name -> parameter
   */
  public Map<String, Param> paramsByName() {
    Map<String, Param> m = new LinkedHashMap<>();
    for (Param p : params) {
      m.put(p.name(), p);
    }
    return m;
  }
}
