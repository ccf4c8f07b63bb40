package gradgrid.job.run;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.job.conf.OutputSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The requested outputs as one multi-output traced function, built only with the AD transforms,
 * plus where each output's values sit among the function's outputs.
 *
 * <p>{@code f} is the function itself; {@code dkf/dxk} is {@code grad} applied k times; {@code
 * grad(p)} is {@code grad(f, p)}; {@code hessian(a, b)} is {@code jacfwd(grad(f, a), b)} (only the
 * requested block is built); {@code eigenvalues(hessian(a, b, ...))} takes the blocks of {@code
 * hessian(f, a, b, ...)} and diagonalises them after evaluation.
 *
 * @param fn one function with the outputs of every request, sharing subexpressions
 * @param first per request, the index of its first output in {@code fn}
 * @param blocks per request, 1 or, for eigenvalues, the number of Hessian blocks per side
 * @param sizes per request, the flat size of the request's column(s)
 */
public record AdPlan(Fn fn, int[] first, int[] blocks, int[] sizes) implements Serializable {

  /**
   * Builds the plan.
   *
   * @param f the traced scalar function
   * @param outputs the requests, in conf order
   * @return the plan
   */
  public static AdPlan of(Fn f, List<OutputSpec> outputs) {
    List<Fn> parts = new ArrayList<>();
    int[] first = new int[outputs.size()];
    int[] blocks = new int[outputs.size()];
    int[] sizes = new int[outputs.size()];
    int next = 0;
    for (int k = 0; k < outputs.size(); k++) {
      Fn part = part(f, outputs.get(k));
      first[k] = next;
      blocks[k] = outputs.get(k) instanceof OutputSpec.Eigenvalues e ? e.params().size() : 1;
      int size = 0;
      for (int j = 0; j < part.outputShapes().size(); j++) {
        size += part.outputShapes().get(j).size();
      }
      sizes[k] = blocks[k] == 1 ? size : (int) Math.round(Math.sqrt(size));
      next += part.outputShapes().size();
      parts.add(part);
    }
    Fn all = Fn.concat(f.name() + "_sweep", parts.toArray(new Fn[0]));
    return new AdPlan(AD.simplify(all), first, blocks, sizes);
  }

  private static Fn part(Fn f, OutputSpec out) {
    if (out instanceof OutputSpec.Value) {
      return f;
    }
    if (out instanceof OutputSpec.Derivative d) {
      Fn g = f;
      int i = f.paramIndex(d.param());
      for (int k = 0; k < d.order(); k++) {
        g = AD.grad(g, i);
      }
      return g;
    }
    if (out instanceof OutputSpec.Grad g) {
      return AD.grad(f, f.paramIndex(g.param()));
    }
    if (out instanceof OutputSpec.Hessian h) {
      return AD.jacfwd(AD.grad(f, f.paramIndex(h.rows())), f.paramIndex(h.cols()));
    }
    OutputSpec.Eigenvalues e = (OutputSpec.Eigenvalues) out;
    int[] argnums = e.params().stream().mapToInt(f::paramIndex).toArray();
    return AD.hessian(f, argnums);
  }
}
