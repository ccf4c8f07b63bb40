package gradgrid.job.run;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.compile.KernelTooLargeException;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.criticals.CriticalPointKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluator factory over a traced function and the AD transforms of the requested outputs: one
 * multi-output function ({@link AdPlan}) with the sweep's inputs bound ({@link InputBinding#bind},
 * the ad-kernel's {@code AD.fix}): the fixed inputs are literals folded into it after the AD
 * transforms, and its parameters are the axis columns in grid order. The ad-kernel's jit compiles
 * that function into a fused batch kernel, so the x-sweep's kernel reads one column, not thirteen,
 * and computes what depends on the coefficients alone once, at compile time.
 */
public final class AdEvaluatorFactory implements EvaluatorFactory {
  private static final long serialVersionUID = 1L;

  private final AdPlan plan;
  private final Fn bound;
  private final int outputWidth;
  private final boolean interpreted;
  private final List<CriticalPointKernel> criticals;

  /**
   * Builds the multi-output function for the requests and binds the inputs (on the driver).
   *
   * @param f the traced scalar function of the sweep's parameters, in call order
   * @param inputs how each parameter is set, in call order
   * @param outputs the requests, in conf order
   */
  public AdEvaluatorFactory(Fn f, List<InputBinding> inputs, List<OutputSpec> outputs) {
    this(AdPlan.of(f, outputs), inputs, criticals(f, inputs, outputs));
  }

  private AdEvaluatorFactory(
      AdPlan plan, List<InputBinding> inputs, List<CriticalPointKernel> criticals) {
    this(plan, bind(plan.fn(), inputs), false, criticals);
  }

  private AdEvaluatorFactory(
      AdPlan plan, Fn bound, boolean interpreted, List<CriticalPointKernel> criticals) {
    this.plan = plan;
    this.bound = bound;
    int out = 0;
    for (int s : plan.sizes()) {
      out += s;
    }
    this.outputWidth = out;
    this.interpreted = interpreted;
    this.criticals = List.copyOf(criticals);
  }

  private static List<CriticalPointKernel> criticals(
      Fn f, List<InputBinding> inputs, List<OutputSpec> outputs) {
    List<CriticalPointKernel> out = new ArrayList<>();
    for (OutputSpec o : outputs) {
      if (o instanceof OutputSpec.CriticalPoints cp) {
        out.add(new CriticalPointKernel(f, inputs, cp));
      }
    }
    return out;
  }

  @Override
  public List<CriticalPointKernel> criticalPoints() {
    return criticals;
  }

  /**
   * The requested outputs as a function of every parameter, none bound: the kernel reads one column
   * per scalar element of the parameters, in call order (a vector's elements in order). The SQL
   * functions, whose arguments all come from the query's rows, evaluate this.
   *
   * @param f the traced scalar function
   * @param outputs the requests
   * @return the factory
   */
  public static AdEvaluatorFactory ofEveryParameter(Fn f, List<OutputSpec> outputs) {
    return ofFreeParameters(f, outputs, Map.of());
  }

  /**
   * The requested outputs with some parameters fixed to values (literals folded into the kernel
   * after the AD transforms) and the others free: the kernel reads one column per scalar element of
   * the free parameters, in call order (a vector's elements in order). {@code Gradgrid}'s DataFrame
   * evaluation, whose free parameters come from a DataFrame's columns, evaluates this.
   *
   * @param f the traced scalar function
   * @param outputs the requests
   * @param fixed values of the fixed parameters by name (each of its parameter's size)
   * @return the factory
   */
  public static AdEvaluatorFactory ofFreeParameters(
      Fn f, List<OutputSpec> outputs, Map<String, double[]> fixed) {
    AdPlan plan = AdPlan.of(f, outputs);
    Fn scalars = plan.fn();
    List<InputBinding> bindings = new ArrayList<>();
    for (Param p : f.params()) {
      double[] value = fixed.get(p.name());
      InputBinding b =
          value != null ? new InputBinding.Fixed(p, value) : new InputBinding.Column(p);
      scalars = b.bind(scalars);
      bindings.add(b);
    }
    return new AdEvaluatorFactory(plan, scalars, false, criticals(f, bindings, outputs));
  }

  /**
   * {@code fn} as a function of the axis columns: each input bound in turn, the fixed ones first
   * (so an axis column may bear the name of a fixed parameter: {@code alpha_1} beside {@code
   * alpha[1]}).
   */
  private static Fn bind(Fn fn, List<InputBinding> inputs) {
    for (InputBinding in : inputs) {
      if (in instanceof InputBinding.Fixed) {
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
   * The plan (the unbound multi-output function of the sweep's parameters and its layout).
   *
   * @return the plan
   */
  public AdPlan plan() {
    return plan;
  }

  @Override
  public int inputWidth() {
    return bound.params().size();
  }

  @Override
  public int outputWidth() {
    return outputWidth;
  }

  /**
   * The function the kernel is compiled from: the plan's, with the inputs bound (a function of the
   * axis columns, in grid order; of nothing for a grid without axes).
   *
   * @return the kernel's function
   */
  public Fn kernelFunction() {
    return bound;
  }

  /**
   * An evaluator over the compiled kernel of {@link #kernelFunction()}: compiled once per JVM (the
   * jit's cache is keyed by the graph's canonical hash, so every task after the first finds it),
   * shared by all tasks of the executor.
   *
   * @throws KernelTooLargeFailure if the kernel is too large to compile in this JVM
   */
  @Override
  public BatchEvaluator create() {
    if (interpreted) {
      return new PlanEvaluator(plan, new InterpretedKernel(bound));
    }
    Kernel kernel;
    try {
      kernel = Jit.compile(bound);
    } catch (KernelTooLargeException e) {
      throw new KernelTooLargeFailure(e);
    }
    return new PlanEvaluator(plan, (in, raw, n) -> kernel.run(in, raw, 0, n));
  }

  /**
   * The same outputs evaluated by the reference interpreter, row by row, over the same bound
   * function {@link #kernelFunction()} (for checks and debugging; orders of magnitude slower).
   *
   * @return a factory whose evaluators interpret the bound function's graph
   */
  public AdEvaluatorFactory interpreted() {
    return new AdEvaluatorFactory(plan, bound, true, criticals);
  }
}
