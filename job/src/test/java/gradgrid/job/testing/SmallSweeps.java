package gradgrid.job.testing;

import com.typesafe.config.ConfigFactory;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.run.ExpressionProvider;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.RationalProvider;
import gradgrid.job.write.SweepToParquet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Small real sweeps (written with the sweep's own stages) for the result-command tests. */
public final class SmallSweeps {
  /** The seed function's fixed inputs and function block. */
  public static final String SEED =
      "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
          + "inputs.alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n"
          + "inputs.beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n";

  private SmallSweeps() {}

  /**
   * The providers the tests use.
   *
   * @return the rational built-in and text expressions
   */
  public static FunctionProviders providers() {
    return FunctionProviders.of(new RationalProvider(), new ExpressionProvider());
  }

  /**
   * Parses a conf text (relative paths against {@code dir}).
   *
   * @param dir the working directory
   * @param text the conf
   * @return the sweep
   */
  public static SweepSpec spec(Path dir, String text) {
    return new SweepConfLoader(providers(), dir).parse(ConfigFactory.parseString(text), "t");
  }

  /**
   * Parses and runs a sweep in the shared session.
   *
   * @param dir the working directory
   * @param text the conf
   * @return the sweep
   */
  public static SweepSpec run(Path dir, String text) {
    SweepSpec spec = spec(dir, text);
    try {
      SweepToParquet.run(SparkTestSession.get(), spec, providers().evaluator(spec), System.out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spec;
  }
}
