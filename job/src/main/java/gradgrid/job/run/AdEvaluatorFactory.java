package gradgrid.job.run;

import gradgrid.ad.Fn;
import gradgrid.job.conf.OutputSpec;
import java.util.List;

/** Evaluator factory over a traced function and the AD transforms of the requested outputs. */
public final class AdEvaluatorFactory implements EvaluatorFactory {
  private static final long serialVersionUID = 1L;

  private final AdPlan plan;
  private final int inputWidth;
  private final int outputWidth;

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

  @Override
  public BatchEvaluator create() {
    return new InterpretedEvaluator(plan);
  }
}
