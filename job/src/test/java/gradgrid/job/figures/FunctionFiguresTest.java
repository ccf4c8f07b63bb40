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

  @Test
  void hessianEntriesAndEigenvaluesAreDrawnAsCurves() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            ROSENBROCK
                + "inputs.x { from = -2, to = 2, points = 401 }\ninputs.y = 1\n"
                + "outputs = [f, \"hessian(x, y)\", \"eigenvalues(hessian(x, y))\"]\n"
                + "output.dir = rosen2\n");
    FiguresSpec conf = new FiguresSpec(dir.resolve("fig"), null, 640, 400);
    List<Path> files =
        ReferenceFigures.draw(
            SparkTestSession.get().read().parquet(spec.output()), spec, conf, System.err);
    assertEquals(6, files.size(), files.toString()); // f, hessian_x_y, eigenvalues_hessian_x_y
    for (String name : List.of("hessian_x_y", "eigenvalues_hessian_x_y")) {
      ReferenceFiguresTest.checkPng(conf.dir().resolve(name + ".png"), 640, 400);
    }
    String eig = Files.readString(conf.dir().resolve("eigenvalues_hessian_x_y.svg"));
    assertTrue(eig.contains(": eigenvalues of the Hessian in "), "title");
    assertTrue(eig.contains("lambda_1"), "legend");
  }

  @Test
  void aSymmetricMatrixBlockDrawsItsUpperTriangleUpToTwelveCurves() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            SmallSweeps.SEED
                + "inputs.x { from = -3, to = 3, points = 201 }\n"
                + "outputs = [f, \"hessian(beta, beta)\"]\noutput.dir = hbb\n");
    FiguresSpec conf = new FiguresSpec(dir.resolve("fig"), null, 800, 900);
    java.io.ByteArrayOutputStream notes = new java.io.ByteArrayOutputStream();
    ReferenceFigures.draw(
        SparkTestSession.get().read().parquet(spec.output()),
        spec,
        conf,
        new java.io.PrintStream(notes, true, java.nio.charset.StandardCharsets.UTF_8));
    ReferenceFiguresTest.checkPng(conf.dir().resolve("hessian_beta_beta.png"), 800, 900);
    assertTrue(
        Files.readString(conf.dir().resolve("hessian_beta_beta.svg"))
            .contains("first 12, one panel per component"));
    List<String> labels = new java.util.ArrayList<>();
    List<String> exprs = new java.util.ArrayList<>();
    SecondOrderFigures.entries(
        new gradgrid.job.conf.OutputSpec.Hessian("beta", "beta"), spec, labels, exprs);
    assertEquals(21, labels.size()); // 6 * 7 / 2
    assertEquals("d2f/dbeta_0 dbeta_5", labels.get(5));
    assertEquals("d2f/dbeta_1 dbeta_1", labels.get(6)); // row 1 starts on the diagonal
    assertEquals("`hessian_beta_beta`[2][2]", exprs.get(11)); // the 12th: (0,0..5), (1,1..5), (2,2)
    assertFalse(labels.contains("d2f/dbeta_1 dbeta_0"), "lower triangle");
    String n = notes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(n.contains("hessian_beta_beta: drawing the first 12 of 21 curves"), n);
  }
}
