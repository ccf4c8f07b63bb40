package gradgrid.job.conf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.SampleMethod;
import gradgrid.job.grid.Samples;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.RationalProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample blocks in the inputs: what they make of the grid, and every refusal's message. */
class SampleBlockTest {
  private static final String FUNCTION = "function { builtin = rational, deg-p = 2, deg-q = 1 }\n";

  @TempDir Path dir;

  private SweepSpec parse(String inputs) {
    return new SweepConfLoader(FunctionProviders.of(new RationalProvider()), dir)
        .parse(
            ConfigFactory.parseString(FUNCTION + "inputs {\n" + inputs + "\n}\noutputs = [f]\n"),
            "t");
  }

  private String error(String inputs) {
    return assertThrows(ConfException.class, () -> parse(inputs)).getMessage();
  }

  private static final String SOBOL = "sample = sobol, points = 100";

  @Test
  void scalarVectorAndElementMakeOneSampleSpaceInGridOrder() {
    SweepSpec s =
        parse(
            "x { "
                + SOBOL
                + ", from = -1, to = 1 }\n alpha { "
                + SOBOL
                + ", from = [0, 1, 2], to = 5 }\n beta = [4, 5]\n \"beta[1]\" { "
                + SOBOL
                + ", from = -2, to = 2 }");
    assertEquals(100, s.grid().rows());
    assertEquals(
        List.of("x", "alpha_0", "alpha_1", "alpha_2", "beta_1"),
        s.grid().axes().stream().map(Axis::column).toList());
    Samples samples = s.grid().samples().orElseThrow();
    assertEquals(5, samples.dimension());
    assertInstanceOf(SampleMethod.Sobol.class, samples.method());
    assertInstanceOf(InputBinding.VectorAxes.class, s.inputs().get(1));
    InputBinding.ElementAxes beta = (InputBinding.ElementAxes) s.inputs().get(2);
    assertArrayEquals(new double[] {4, 5}, beta.values());
    double[] p = samples.point(1); // Sobol point 1 is (1/2, ..., 1/2): the box's centre
    assertArrayEquals(new double[] {0, 2.5, 3, 3.5, 0}, p);
  }

  @Test
  void samplesTimesAGridAxisIsTheProduct() {
    SweepSpec s =
        parse(
            "x { from = -1, to = 1, points = 7 }\n alpha { sample = uniform, seed = 3, points = 50,"
                + " from = -1, to = 1 }\n beta = [4, 5]");
    assertEquals(7 * 50, s.grid().rows());
    assertEquals(new SampleMethod.Uniform(3), s.grid().samples().orElseThrow().method());
  }

  @Test
  void refusals() {
    String fixed = "\n beta = [4, 5]\n alpha = [1, 2, 3]";
    assertTrue(
        error("x { sample = sobel, points = 10, from = 0, to = 1 }" + fixed)
            .contains("inputs.x.sample: unknown sampling 'sobel' (sobol or uniform)"),
        "kind");
    assertTrue(
        error("x { sample = sobol, points = 0, from = 0, to = 1 }" + fixed)
            .contains("inputs.x.points: must be a positive whole number, got 0"),
        "zero points");
    assertTrue(
        error("x { sample = sobol, points = 3000000000, from = 0, to = 1 }" + fixed)
            .contains("a Sobol sweep takes at most 2147483647 points"),
        "too many points");
    assertTrue(
        error("x { sample = sobol, points = 10, from = 1, to = 1 }" + fixed)
            .contains("inputs.x: from (1.0) must be less than to (1.0)"),
        "empty range");
    assertTrue(
        error(
                "x = 0\n beta = [4, 5]\n alpha { sample = sobol, points = 10, from = [0, 0], to = 1 }")
            .contains("inputs.alpha.from: expected one number for every element or a list of 3,"),
        "bound list length");
    assertTrue(
        error(
                "x = 0\n beta = [4, 5]\n alpha { sample = sobol, points = 10, from = 0, to = [1, 1, 0] }")
            .contains("from (0.0) must be less than to (0.0) for alpha[2]"),
        "one element's range empty");
    assertTrue(
        error("x { sample = sobol, points = 10, from = -1e308, to = 1e308 }" + fixed)
            .contains(
                "inputs.x: the range from -1.0E308 to 1.0E308 is wider than a double can hold"),
        "a range whose width overflows");
    assertTrue(
        error(
                "x = 0\n beta = [4, 5]\n"
                    + " alpha { sample = uniform, seed = 1, points = 10, from = [0, -1.7e308, 0],"
                    + " to = [1, 1.7e308, 1] }")
            .contains("inputs.alpha (alpha[1]): the range from -1.7E308 to 1.7E308 is wider"),
        "one element's width overflows");
    assertTrue(
        error("x { from = -1e308, to = 1e308, points = 3 }" + fixed)
            .contains("inputs.x: the range from -1.0E308 to 1.0E308 is wider than a double"),
        "a grid axis too");
    assertTrue(
        error("x { sample = uniform, points = 10, from = 0, to = 1 }" + fixed)
            .contains("inputs.x.seed: missing; sample = uniform needs a seed"),
        "no seed");
    assertTrue(
        error("x { sample = uniform, seed = 1.5, points = 10, from = 0, to = 1 }" + fixed)
            .contains("inputs.x.seed: expected a whole number, got 1.5"),
        "fractional seed");
    assertTrue(
        error("x { sample = sobol, seed = 1, points = 10, from = 0, to = 1 }" + fixed)
            .contains("a Sobol sequence has no seed"),
        "seed on sobol");
    assertTrue(
        error("x { sample = sobol, points = 10, values = [1, 2] }" + fixed)
            .contains("values = [...] makes a list axis, without sample"),
        "values");
    assertTrue(
        error("x { sample = sobol, points = 10, from = 0, to = 1, step = 2 }" + fixed)
            .contains("unknown key 'inputs.x.step'"),
        "unknown key");
    assertTrue(
        error("x { from = 0, to = 1, points = 3, seed = 4 }" + fixed)
            .contains("unknown key 'inputs.x.seed'"),
        "seed on an axis");
    assertTrue(
        error(
                "x { sample = sobol, points = 10, from = 0, to = 1 }\n beta = [4, 5]\n"
                    + " alpha { sample = sobol, points = 20, from = 0, to = 1 }")
            .contains(
                "every sampled input shares one sample index, so all must agree on sample,"
                    + " points and seed; inputs.x has sample = sobol, points = 10, inputs.alpha"
                    + " has sample = sobol, points = 20"),
        "disagreeing points");
    assertTrue(
        error(
                "x = 0\n beta = [4, 5]\n alpha { sample = sobol, points = 10, from = 0, to = 1 }\n"
                    + " \"alpha[1]\" { sample = sobol, points = 10, from = 0, to = 1 }")
            .contains("alpha is sampled as a whole"),
        "element of a sampled vector");
  }
}
