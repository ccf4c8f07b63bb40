package gradgrid.job.run;

import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.compile.KernelTooLargeException;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import java.util.List;

/**
 * Evaluator factory over a traced function and the AD transforms of the requested outputs: one
 * multi-output function ({@link AdPlan}) compiled by the ad-kernel's jit into a fused batch kernel.
 * Bound to a sweep ({@link #withFixedInputs}), the kernel is compiled from the function of the axes
 * alone, with the fixed inputs folded in as literals ({@link FixedInputs}).
 */
public final class AdEvaluatorFactory implements EvaluatorFactory {
  private static final long serialVersionUID = 1L;

  private final AdPlan plan;
  private final int inputWidth;
  private final int outputWidth;
  private final boolean interpreted;
  private final Fn bound;
  private final int[] boundColumns;

  /**
   * Builds the multi-output function for the requests (on the driver).
   *
   * @param f the traced scalar function
   * @param outputs the requests, in conf order
   */
  public AdEvaluatorFactory(Fn f, List<OutputSpec> outputs) {
    this.plan = AdPlan.of(f, outputs);
    int in = 0;
    for (var p : f.params()) {
      in += p.shape().size();
    }
    int out = 0;
    for (int s : plan.sizes()) {
      out += s;
    }
    this.inputWidth = in;
    this.outputWidth = out;
    this.interpreted = false;
    this.bound = null;
    this.boundColumns = null;
  }

  private AdEvaluatorFactory(
      AdPlan plan,
      int inputWidth,
      int outputWidth,
      boolean interpreted,
      Fn bound,
      int[] boundColumns) {
    this.plan = plan;
    this.inputWidth = inputWidth;
    this.outputWidth = outputWidth;
    this.interpreted = interpreted;
    this.bound = bound;
    this.boundColumns = boundColumns;
  }

  /**
   * The plan (the multi-output function and its layout).
   *
   * @return the plan
   */
  public AdPlan plan() {
    return plan;
  }

  @Override
  public int inputWidth() {
    return inputWidth;
  }

  @Override
  public int outputWidth() {
    return outputWidth;
  }

  /**
   * The function the kernel is compiled from: the plan's, or with the fixed inputs folded in.
   *
   * @return the kernel's function
   */
  public Fn kernelFunction() {
    return bound != null ? bound : plan.fn();
  }

  /**
   * This factory with the sweep's fixed inputs folded into the kernel as literals: the kernel reads
   * only the axis columns of the (unchanged) input layout. The interpreted variant keeps the plan's
   * unbound function, as the reference.
   */
  @Override
  public AdEvaluatorFactory withFixedInputs(SweepSpec spec) {
    Fn fn = FixedInputs.bind(plan.fn(), spec);
    if (fn == null) {
      return this;
    }
    return new AdEvaluatorFactory(
        plan, inputWidth, outputWidth, interpreted, fn, FixedInputs.axisColumns(spec));
  }

  /**
   * An evaluator over the compiled kernel of the plan's function: compiled once per JVM (the jit's
   * cache is keyed by the graph's canonical hash, so every task after the first finds it), shared
   * by all tasks of the executor.
   *
   * @throws KernelTooLargeFailure if the kernel is too large to compile in this JVM
   */
  @Override
  public BatchEvaluator create() {
    if (interpreted) {
      return new PlanEvaluator(plan, new InterpretedKernel(plan.fn()));
    }
    Kernel kernel;
    try {
      kernel = Jit.compile(kernelFunction());
    } catch (KernelTooLargeException e) {
      throw new KernelTooLargeFailure(e);
    }
    if (bound == null) {
      return new PlanEvaluator(plan, (in, raw, n) -> kernel.run(in, raw, 0, n));
    }
    double[][] axisIn = new double[boundColumns.length][];
    return new PlanEvaluator(
        plan,
        (in, raw, n) -> {
          for (int a = 0; a < axisIn.length; a++) {
            axisIn[a] = in[boundColumns[a]];
          }
          kernel.run(axisIn, raw, 0, n);
        });
  }

  /**
   * The same outputs evaluated by the reference interpreter, row by row (for checks and debugging;
   * orders of magnitude slower).
   *
   * @return a factory whose evaluators interpret the graph
   */
  public AdEvaluatorFactory interpreted() {
    return new AdEvaluatorFactory(plan, inputWidth, outputWidth, true, null, null);
  }
}
