package gradgrid.job.criticals;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.KernelTooLargeException;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import java.io.Serializable;
import java.util.List;

/**
 * The serializable recipe of one {@code critical-points} output, built on the driver and shipped
 * with the task: two functions of the scanned input and the sweep's axis columns, both from the AD
 * transforms of the traced function with the other fixed inputs bound ({@code AD.fix}): the scan's
 * {@code f'} alone, and the refinement's {@code (f, f', f'', f''')}. Each task compiles them
 * through the jit's per-JVM cache ({@link #create}).
 */
public final class CriticalPointKernel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final OutputSpec.CriticalPoints spec;
  private final Fn scan;
  private final Fn point;

  /**
   * Differentiates and binds (on the driver).
   *
   * @param f the traced scalar function of the sweep's parameters, in call order
   * @param inputs how each parameter is set, in call order (the scanned one fixed)
   * @param spec the output
   */
  public CriticalPointKernel(Fn f, List<InputBinding> inputs, OutputSpec.CriticalPoints spec) {
    this.spec = spec;
    int x = f.paramIndex(spec.param());
    Fn d1 = AD.derivative(f, x, 1);
    Fn d2 = AD.derivative(f, x, 2);
    Fn d3 = AD.derivative(f, x, 3);
    this.scan = bind(AD.simplify(d1), inputs, spec.param());
    this.point =
        bind(AD.simplify(Fn.concat(f.name() + "_critical", f, d1, d2, d3)), inputs, spec.param());
  }

  /**
   * Binds every input but the scanned one, the fixed ones first (as the sweep's kernel does): the
   * result's parameters are the scanned input and the axis columns, in call order.
   */
  static Fn bind(Fn fn, List<InputBinding> inputs, String scanned) {
    for (InputBinding in : inputs) {
      if (in instanceof InputBinding.Fixed && !in.param().name().equals(scanned)) {
        fn = in.bind(fn);
      }
    }
    for (InputBinding in : inputs) {
      if (!(in instanceof InputBinding.Fixed)) {
        fn = in.bind(fn);
      }
    }
    return fn;
  }

  /**
   * The output this recipe computes.
   *
   * @return the output
   */
  public OutputSpec.CriticalPoints spec() {
    return spec;
  }

  /**
   * The scan's function: {@code f'} of the scanned input and the axis columns.
   *
   * @return the function
   */
  public Fn scanFunction() {
    return scan;
  }

  /**
   * The refinement's function: {@code f, f', f'', f'''} of the same parameters.
   *
   * @return the function
   */
  public Fn pointFunction() {
    return point;
  }

  /**
   * A scanner for one task over the compiled kernels (compiled once per JVM).
   *
   * @return the scanner
   * @throws KernelTooLargeException if a kernel is too large to compile in this JVM
   */
  public InnerScan create() {
    return new InnerScan(
        spec, Jit.compile(scan), Jit.compile(point), point.paramIndex(spec.param()));
  }
}
