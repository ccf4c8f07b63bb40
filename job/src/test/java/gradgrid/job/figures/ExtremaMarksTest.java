package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPoint;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extrema marked on f and f', against the closed-form critical points of Rosenbrock at y = 1. */
class ExtremaMarksTest {
  @TempDir Path dir;

  @Test
  void marksTheClosedFormExtremaOfRosenbrockAlongYEqualsOne() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            FunctionFiguresTest.ROSENBROCK
                + "inputs.x { from = -2, to = 2, points = 401 }\ninputs.y = 1\n"
                + "outputs = [f, \"f'\"]\noutput.dir = r\n");
    Dataset<Row> data = SparkTestSession.get().read().parquet(spec.output());
    ExtremaMarks m =
        ExtremaMarks.find(data, spec, SmallSweeps.providers(), "x", "df_dx", System.err);
    // f(x) = (1 - x)^2 + 100 (1 - x^2)^2, f'(x) = 400x^3 - 398x - 2 = (x - 1)(400x^2 + 400x + 2):
    // roots 1 and (-400 +- sqrt(156800)) / 800; f'' = 1200x^2 - 398 gives their kinds.
    DoubleUnaryOperator f = x -> (1 - x) * (1 - x) + 100 * (1 - x * x) * (1 - x * x);
    double r = Math.sqrt(156800);
    double max = (-400 + r) / 800;
    double[] mins = {(-400 - r) / 800, 1};
    assertArrayEquals(new double[] {max}, m.maxima()[0], 1e-9);
    assertArrayEquals(new double[] {f.applyAsDouble(max)}, m.maxima()[1], 1e-9);
    assertArrayEquals(mins, m.minima()[0], 1e-9);
    assertArrayEquals(
        new double[] {f.applyAsDouble(mins[0]), f.applyAsDouble(mins[1])}, m.minima()[1], 1e-9);
    assertArrayEquals(new double[2], m.onDerivative().minima()[1], 0.0);

    FiguresSpec conf = new FiguresSpec(dir.resolve("fig"), null, 640, 400);
    ReferenceFigures.draw(data, spec, conf, SmallSweeps.providers(), System.err);
    for (String name : List.of("f", "f-df_dx")) {
      String svg = Files.readString(conf.dir().resolve(name + ".svg"));
      assertTrue(svg.contains("maxima (f"), name + ": no maxima in the legend");
      assertTrue(svg.contains("minima (f"), name + ": no minima in the legend");
    }
  }

  @Test
  void degeneratePointsAreNotMarkedAndNoProvidersMarkNothing() {
    ExtremaMarks m =
        ExtremaMarks.of(
            List.of(
                new CriticalPoint(1, 2, 0, -3, true),
                new CriticalPoint(2, 5, 0, 0, true),
                new CriticalPoint(3, 1, 0, 4, true)));
    assertArrayEquals(new double[] {1}, m.maxima()[0], 0.0);
    assertArrayEquals(new double[] {3}, m.minima()[0], 0.0);
    ExtremaMarks both = m.and(m.onDerivative());
    assertArrayEquals(new double[] {2, 0}, both.maxima()[1], 0.0);
    assertTrue(ExtremaMarks.NONE.isEmpty());
    assertFalse(m.isEmpty());
    assertEquals(ExtremaMarks.NONE, ExtremaMarks.find(null, null, null, "x", "df_dx", System.err));
  }
}
