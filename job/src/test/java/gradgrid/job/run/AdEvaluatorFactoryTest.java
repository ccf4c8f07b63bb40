package gradgrid.job.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import gradgrid.ad.compile.Jit;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fixed inputs folded into the kernel: fewer input columns, the interpreter's values bit for bit.
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
    assertEquals(13, factory.inputWidth());
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

  /** Every grid row through the bound kernel and the unbound interpreter, compared bitwise. */
  private static void assertBitIdentical(SweepSpec spec, AdEvaluatorFactory factory, int rows) {
    assertEquals(rows, spec.grid().rows());
    int[] axisCol = FixedInputs.axisColumns(spec);
    double[][] in = new double[factory.inputWidth()][rows];
    int col = 0;
    for (var p : spec.params()) {
      for (double v : spec.fixed().get(p.name())) {
        Arrays.fill(in[col++], v);
      }
    }
    long[] digits = new long[axisCol.length];
    for (int r = 0; r < rows; r++) {
      spec.grid().digits(r, digits);
      for (int a = 0; a < axisCol.length; a++) {
        in[axisCol[a]][r] = spec.grid().axes().get(a).value(digits[a]);
      }
    }
    double[][] kernel = new double[factory.outputWidth()][rows];
    double[][] reference = new double[factory.outputWidth()][rows];
    factory.create().evaluate(in, kernel, rows);
    factory.interpreted().create().evaluate(in, reference, rows);
    for (int c = 0; c < kernel.length; c++) {
      for (int r = 0; r < rows; r++) {
        assertEquals(
            Double.doubleToRawLongBits(reference[c][r]),
            Double.doubleToRawLongBits(kernel[c][r]),
            "output column " + c + " row " + r + ": " + reference[c][r] + " vs " + kernel[c][r]);
      }
    }
  }
}
