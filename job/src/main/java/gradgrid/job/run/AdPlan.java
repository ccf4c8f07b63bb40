package gradgrid.job.run;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.trace.Val;
import gradgrid.job.conf.OutputSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The requested outputs as one multi-output traced function, built only with the AD transforms,
 * plus how its raw output columns map to the requests.
 *
 * <p>{@code f} is the function itself; {@code dkf/dxk} is {@code AD.derivative} (forward mode
 * applied k times, the cheap direction for one scalar input), unless the outputs reach order {@link
 * #TAYLOR_FROM} or more in x: then every derivative in x is a coefficient of one Taylor-mode pass
 * {@code AD.taylor(f, x, k)} of the highest order k, which {@code bench/taylor.sh} measures as
 * cheaper from order 4 on (even at order 3, slower at 2); {@code grad(p, q, ...)} is {@code grad(f,
 * p, q, ...)}, and several gradient requests are slices of one {@code grad} over all their inputs
 * (one reverse pass: a loop is transposed once, not once per request, which is 3.4x on the
 * Lotka-Volterra conf's five gradients); {@code hessian(a, b)} is {@code jacfwd(grad(f, a), b)}
 * (only the requested block is built); {@code eigenvalues(hessian(a, b, ...))} takes all blocks of
 * {@code hessian(f, a, b, ...)}, which {@link PlanEvaluator} assembles and diagonalises after the
 * kernel. A {@code critical-points} output has no part here (size 0): its own kernels are {@code
 * gradgrid.job.criticals.CriticalPointKernel}'s; a plan of such outputs alone has no outputs.
 *
 * @param fn one function with the outputs of every request, sharing subexpressions
 * @param sizes per request, its number of output columns (for eigenvalues, the matrix order)
 * @param blockWidths per request, null, or for eigenvalues the sizes of the inputs (block widths)
 */
public record AdPlan(Fn fn, int[] sizes, int[][] blockWidths) implements Serializable {
  /** The highest derivative order in one input from which Taylor mode computes them all. */
  public static final int TAYLOR_FROM = 4;

  /**
   * Builds the plan.
   *
   * @param f the traced scalar function
   * @param outputs the requests, in conf order
   * @return the plan
   */
  public static AdPlan of(Fn f, List<OutputSpec> outputs) {
    Map<String, Fn> taylor = taylorPasses(f, outputs);
    Gradients gradients = Gradients.of(f, outputs);
    List<Fn> parts = new ArrayList<>();
    int[] sizes = new int[outputs.size()];
    int[][] widths = new int[outputs.size()][];
    for (int k = 0; k < outputs.size(); k++) {
      OutputSpec out = outputs.get(k);
      if (out instanceof OutputSpec.CriticalPoints) {
        continue;
      }
      Fn part = part(f, out, taylor, gradients);
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

  /** Output {@code k} of a Taylor pass (the k-th derivative) alone, as a function. */
  private static Fn coefficient(Fn pass, int k) {
    return Fn.traceMany(
        pass.name() + "_" + k,
        pass.params(),
        List.of(pass.outputNames().get(k)),
        args -> new Val[] {pass.apply(args)[k]});
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

  /** Per input whose requested derivatives reach {@link #TAYLOR_FROM}, one Taylor-mode pass. */
  private static Map<String, Fn> taylorPasses(Fn f, List<OutputSpec> outputs) {
    Map<String, Integer> highest = new LinkedHashMap<>();
    for (OutputSpec out : outputs) {
      if (out instanceof OutputSpec.Derivative d) {
        highest.merge(d.param(), d.order(), Math::max);
      }
    }
    Map<String, Fn> passes = new LinkedHashMap<>();
    highest.forEach(
        (param, order) -> {
          if (order >= TAYLOR_FROM) {
            passes.put(param, AD.taylor(f, f.paramIndex(param), order));
          }
        });
    return passes;
  }

  /**
   * The gradient requests' inputs in order of first appearance and, when there are two requests or
   * more, one {@code grad} over all of them, or null.
   */
  private record Gradients(List<String> params, Fn all) {
    static Gradients of(Fn f, List<OutputSpec> outputs) {
      LinkedHashSet<String> params = new LinkedHashSet<>();
      int requests = 0;
      for (OutputSpec out : outputs) {
        if (out instanceof OutputSpec.Grad g) {
          params.addAll(g.params());
          requests++;
        }
      }
      List<String> order = List.copyOf(params);
      return new Gradients(
          order,
          requests < 2 ? null : AD.grad(f, order.stream().mapToInt(f::paramIndex).toArray()));
    }

    /** {@code grad(f, params...)}: its own pass, or the slice of the shared one. */
    Fn grad(Fn f, List<String> wanted) {
      if (all == null) {
        return AD.grad(f, wanted.stream().mapToInt(f::paramIndex).toArray());
      }
      int[] at = wanted.stream().mapToInt(params::indexOf).toArray();
      List<String> names = new ArrayList<>();
      for (int k : at) {
        names.add(all.outputNames().get(k));
      }
      return Fn.traceMany(
          all.name() + "_" + String.join("_", wanted),
          all.params(),
          names,
          args -> {
            Val[] every = all.apply(args);
            Val[] mine = new Val[at.length];
            for (int k = 0; k < at.length; k++) {
              mine[k] = every[at[k]];
            }
            return mine;
          });
    }
  }

  private static Fn part(Fn f, OutputSpec out, Map<String, Fn> taylor, Gradients gradients) {
    if (out instanceof OutputSpec.Value) {
      return f;
    }
    if (out instanceof OutputSpec.Derivative d) {
      Fn pass = taylor.get(d.param());
      return pass == null
          ? AD.derivative(f, f.paramIndex(d.param()), d.order())
          : coefficient(pass, d.order());
    }
    if (out instanceof OutputSpec.Grad g) {
      return gradients.grad(f, g.params());
    }
    if (out instanceof OutputSpec.Hessian h) {
      return AD.jacfwd(AD.grad(f, f.paramIndex(h.rows())), f.paramIndex(h.cols()));
    }
    OutputSpec.Eigenvalues e = (OutputSpec.Eigenvalues) out;
    int[] argnums = e.params().stream().mapToInt(f::paramIndex).toArray();
    return AD.hessian(f, argnums);
  }
}
