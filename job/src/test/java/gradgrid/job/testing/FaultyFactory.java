package gradgrid.job.testing;

import gradgrid.job.run.BatchEvaluator;
import gradgrid.job.run.EvaluatorFactory;
import java.io.Serializable;

/**
 * An evaluator recipe whose evaluators fail on purpose: {@code fault} turns each real evaluator
 * into one that throws (or throws itself), for the tests of how a failing task ends a sweep.
 *
 * @param inner the real recipe
 * @param fault makes the faulty evaluator from a real one (shipped to executors, so serializable)
 */
public record FaultyFactory(EvaluatorFactory inner, Fault fault) implements EvaluatorFactory {
  private static final long serialVersionUID = 1L;

  /** Turns a real evaluator into a faulty one. */
  @FunctionalInterface
  public interface Fault extends Serializable {
    /**
     * The faulty evaluator.
     *
     * @param real the evaluator it wraps
     * @return the evaluator the task gets
     */
    BatchEvaluator wrap(BatchEvaluator real);
  }

  @Override
  public int inputWidth() {
    return inner.inputWidth();
  }

  @Override
  public int outputWidth() {
    return inner.outputWidth();
  }

  @Override
  public BatchEvaluator create() {
    return fault.wrap(inner.create());
  }
}
