package gradgrid.job.run;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.trace.Val;
import gradgrid.job.conf.OutputSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The requested outputs as one multi-output traced function, built only with the AD transforms,
 * plus how its raw output columns map to the requests.
 *
 * <p>{@code f} is the function itself; {@code dkf/dxk} is {@code AD.derivative} (forward mode
 * applied k times, the cheap direction for one scalar input); {@code grad(p)} is {@code grad(f,
 * p)}; {@code hessian(a, b)} is {@code jacfwd(grad(f, a), b)} (only the requested block is built);
 * {@code eigenvalues(hessian(a, b, ...))} takes all blocks of {@code hessian(f, a, b, ...)}, which
 * {@link PlanEvaluator} assembles and diagonalises after the kernel. A {@code critical-points}
 * output has no part here (size 0): its own kernels are {@code
 * gradgrid.job.criticals.CriticalPointKernel}'s; a plan of such outputs alone has no outputs.
 *
 * @param fn one function with the outputs of every request, sharing subexpressions
 * @param sizes per request, its number of output columns (for eigenvalues, the matrix order)
 * @param blockWidths per request, null, or for eigenvalues the sizes of the inputs (block widths)
 */
public record AdPlan(Fn fn, int[] sizes, int[][] blockWidths) implements Serializable {

  /**
   * Builds the plan.
   *
   * @param f the traced scalar function
   * @param outputs the requests, in conf order
   * @return the plan
   */
  public static AdPlan of(Fn f, List<OutputSpec> outputs) {
    List<Fn> parts = new ArrayList<>();
    int[] sizes = new int[outputs.size()];
    int[][] widths = new int[outputs.size()][];
    for (int k = 0; k < outputs.size(); k++) {
      OutputSpec out = outputs.get(k);
      if (out instanceof OutputSpec.CriticalPoints) {
        continue;
      }
      Fn part = part(f, out);
      parts.add(part);
      if (out instanceof OutputSpec.Eigenvalues e) {
        widths[k] =
            e.params().stream()
                .mapToInt(p -> f.params().get(f.paramIndex(p)).shape().size())
                .toArray();
        for (int w : widths[k]) {
          sizes[k] += w;
        }
      } else {
        for (var s : part.outputShapes()) {
          sizes[k] += s.size();
        }
      }
    }
    Fn all =
        parts.isEmpty()
            ? Fn.traceMany(f.name() + "_sweep", f.params(), List.of(), args -> new Val[0])
            : Fn.concat(f.name() + "_sweep", parts.toArray(new Fn[0]));
    return new AdPlan(AD.simplify(all), sizes, widths);
  }

  /**
   * Whether any request needs work after the kernel (eigenvalues).
   *
   * @return true if raw columns differ from output columns
   */
  public boolean needsPostProcessing() {
    for (int[] w : blockWidths) {
      if (w != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Number of raw output columns the function produces.
   *
   * @return the raw width
   */
  public int rawWidth() {
    int w = 0;
    for (var s : fn.outputShapes()) {
      w += s.size();
    }
    return w;
  }

  private static Fn part(Fn f, OutputSpec out) {
    if (out instanceof OutputSpec.Value) {
      return f;
    }
    if (out instanceof OutputSpec.Derivative d) {
      return AD.derivative(f, f.paramIndex(d.param()), d.order());
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
