package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of a sweep that is not the reference's (a text Rosenbrock function): file names and
 * titles from the function and its columns, no reference numbering.
 */
class FunctionFiguresTest {
  static final String ROSENBROCK = "function = \"(1 - x)^2 + 100 * (y - x^2)^2\"\n";

  @TempDir Path dir;

  @Test
  void heatmapsOfAFunctionOfTwoInputsAreTitledFromIt() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            ROSENBROCK
                + "inputs.x { from = -2, to = 2, points = 61 }\n"
                + "inputs.y { from = -1, to = 3, points = 41 }\n"
                + "outputs = [f, \"grad(x)\", \"grad(y)\"]\noutput.dir = rosen\n");
    FiguresSpec conf = new FiguresSpec(dir.resolve("fig"), null, 500, 400);
    List<Path> files =
        ReferenceFigures.draw(
            SparkTestSession.get().read().parquet(spec.output()), spec, conf, System.err);
    assertEquals(4, files.size(), files.toString());
    for (String name : List.of("heatmap-f", "heatmap-grad-norm")) {
      ReferenceFiguresTest.checkPng(conf.dir().resolve(name + ".png"), 500, 400);
      String svg = Files.readString(conf.dir().resolve(name + ".svg"));
      Files.copy(
          conf.dir().resolve(name + ".png"),
          Path.of("/tmp/figs-" + name + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertTrue(svg.contains("(1 - x)^2 + 100 * (y - x^2)^2: "), name + ": no function title");
      assertFalse(svg.contains("(6a)") || svg.contains("(6b)"), name + ": reference numbering");
      // Rosenbrock spans about six decades over the plane: auto picks a log colour scale, whose
      // bar is labelled in decades.
      assertTrue(svg.contains(">10<") && svg.contains(">100<") && svg.contains(">1000<"), name);
    }
  }

  @Test
  void linesOfAFunctionOfOneInputAreTitledFromItsColumns() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            ROSENBROCK
                + "inputs.x { from = -2, to = 2, points = 401 }\ninputs.y = 1\n"
                + "outputs = [f, \"f'\", \"f''\", \"grad(y)\"]\noutput.dir = rosen1\n");
    FiguresSpec conf = new FiguresSpec(dir.resolve("fig"), null, 640, 400);
    List<Path> files =
        ReferenceFigures.draw(
            SparkTestSession.get().read().parquet(spec.output()), spec, conf, System.err);
    assertEquals(8, files.size(), files.toString());
    for (String name : List.of("f", "f-df_dx", "f-df_dx-d2f_dx2-normalised", "grad_y")) {
      ReferenceFiguresTest.checkPng(conf.dir().resolve(name + ".png"), 640, 400);
      String svg = Files.readString(conf.dir().resolve(name + ".svg"));
      assertFalse(svg.matches("(?s).*>\\(\\d\\) .*"), name + ": reference numbering");
    }
    assertTrue(Files.readString(conf.dir().resolve("f.svg")).contains("f over x on [-2, 2]"));
  }
}
