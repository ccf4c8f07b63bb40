package gradgrid.job.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed inputs bound into the kernel: it reads the axis columns only, and gives the interpreter's
 * values of the unbound function bit for bit.
 */
class AdEvaluatorFactoryTest {
  private static final String COEFFICIENTS =
      "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
          + "inputs.alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n"
          + "inputs.beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n";

  private final FunctionProviders providers =
      FunctionProviders.of(new RationalProvider(), new ExpressionProvider());

  private SweepSpec parse(String text) {
    return new SweepConfLoader(providers, Path.of("")).parse(ConfigFactory.parseString(text), "t");
  }

  @Test
  void xSweepKernelReadsOneColumnAndEqualsTheInterpreterBitForBit() {
    SweepSpec spec =
        parse(
            COEFFICIENTS
                + "inputs.x { from = -10, to = 10, points = 2001 }\n"
                + "outputs = [f, \"f'\", \"f''\", \"grad(alpha)\", \"grad(beta)\"]\n");
    AdEvaluatorFactory factory = (AdEvaluatorFactory) providers.evaluator(spec);
    assertEquals(1, factory.inputWidth());
    assertEquals(1, Jit.compile(factory.kernelFunction()).inputWidth());
    assertBitIdentical(spec, factory, 2001);
  }

  @Test
  void elementAxesStackWithTheFixedElementsAndEqualTheInterpreterBitForBit() {
    SweepSpec spec =
        parse(
            COEFFICIENTS
                + "inputs.x = 1.5\n"
                + "inputs.\"alpha[1]\" { from = -3, to = 3, points = 40 }\n"
                + "inputs.\"beta[4]\" { from = -3, to = 3, points = 30 }\n"
                + "outputs = [f, \"f'\", \"grad(alpha)\", \"hessian(alpha, beta)\","
                + " \"eigenvalues(hessian(x, beta))\"]\n");
    AdEvaluatorFactory factory = (AdEvaluatorFactory) providers.evaluator(spec);
    assertEquals(2, factory.inputWidth());
    assertEquals(2, Jit.compile(factory.kernelFunction()).inputWidth());
    assertBitIdentical(spec, factory, 1200);
  }

  @Test
  void expressionFunctionIsBoundToo() {
    SweepSpec spec =
        parse(
            "function = \"a * sin(t) + b^3 * t\"\n"
                + "inputs {\n  t { from = 0, to = 3, points = 101 }\n  a = 2\n  b = -0.7\n}\n"
                + "outputs = [f, \"f'\", \"grad(a)\", \"grad(b)\"]\n");
    AdEvaluatorFactory factory = (AdEvaluatorFactory) providers.evaluator(spec);
    assertEquals(1, Jit.compile(factory.kernelFunction()).inputWidth());
    assertBitIdentical(spec, factory, 101);
  }

  @Test
  void aGridWithoutAxesIsOneRowOfAFunctionOfNothing() {
    SweepSpec spec =
        parse(COEFFICIENTS + "inputs.x = 1.5\noutputs = [f, \"f'\", \"grad(beta)\"]\n");
    AdEvaluatorFactory factory = (AdEvaluatorFactory) providers.evaluator(spec);
    assertEquals(0, factory.inputWidth());
    assertEquals(0, factory.kernelFunction().params().size());
    assertBitIdentical(spec, factory, 1);
  }

  /**
   * Every grid row through the bound kernel and the interpreter of the same bound function, each
   * against the interpreter of the unbound function (every parameter an argument), bitwise.
   */
  private static void assertBitIdentical(SweepSpec spec, AdEvaluatorFactory factory, int rows) {
    assertEquals(rows, spec.grid().rows());
    List<Axis> axes = spec.grid().axes();
    double[][] in = new double[axes.size()][rows];
    long[] digits = new long[axes.size()];
    for (int r = 0; r < rows; r++) {
      spec.grid().digits(r, digits);
      for (int a = 0; a < axes.size(); a++) {
        in[a][r] = axes.get(a).value(digits[a]);
      }
    }
    double[][] kernel = new double[factory.outputWidth()][rows];
    double[][] interpreted = new double[factory.outputWidth()][rows];
    factory.create().evaluate(in, kernel, rows);
    factory.interpreted().create().evaluate(in, interpreted, rows);
    double[][] unbound = new double[factory.outputWidth()][rows];
    new PlanEvaluator(factory.plan(), unboundInterpreter(spec, factory.plan().fn()))
        .evaluate(in, unbound, rows);
    for (int c = 0; c < kernel.length; c++) {
      for (int r = 0; r < rows; r++) {
        String at = "output column " + c + " row " + r + ": ";
        assertEquals(
            Double.doubleToRawLongBits(unbound[c][r]),
            Double.doubleToRawLongBits(kernel[c][r]),
            at + unbound[c][r] + " vs kernel " + kernel[c][r]);
        assertEquals(
            Double.doubleToRawLongBits(unbound[c][r]),
            Double.doubleToRawLongBits(interpreted[c][r]),
            at + unbound[c][r] + " vs interpreted " + interpreted[c][r]);
      }
    }
  }

  /** The unbound function of every parameter, its arguments assembled from the axis columns. */
  private static RawKernel unboundInterpreter(SweepSpec spec, Fn fn) {
    return (in, raw, n) -> {
      for (int r = 0; r < n; r++) {
        double[][] args = new double[spec.inputs().size()][];
        int axis = 0;
        for (int i = 0; i < args.length; i++) {
          InputBinding b = spec.inputs().get(i);
          if (b instanceof InputBinding.Fixed f) {
            args[i] = f.value();
          } else if (b instanceof InputBinding.WholeAxis) {
            args[i] = new double[] {in[axis++][r]};
          } else {
            InputBinding.ElementAxes e = (InputBinding.ElementAxes) b;
            args[i] = e.values();
            for (Axis a : e.axes()) {
              args[i][InputBinding.ElementAxes.element(a)] = in[axis++][r];
            }
          }
        }
        int c = 0;
        for (double[] o : fn.call(args)) {
          for (double v : o) {
            raw[c++][r] = v;
          }
        }
      }
    };
  }
}
