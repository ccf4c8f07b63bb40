package gradgrid.job.criticals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FoldCurves} on maps of functions whose folds are known in closed form. */
class FoldCurvesTest {
  @TempDir Path dir;

  private List<FoldPoint> folds(String conf) {
    SweepSpec spec = SmallSweeps.run(dir, conf);
    OutputSpec.CriticalPoints cp = (OutputSpec.CriticalPoints) spec.outputs().get(0);
    Dataset<Row> map = SparkTestSession.get().read().parquet(spec.output());
    FoldKernel kernel =
        new FoldKernel(SmallSweeps.providers().traced(spec), spec.inputs(), cp, spec.grid().axes());
    return FoldCurves.find(map, spec.grid().axes(), cp, kernel);
  }

  @Test
  void theCuspOfTheQuarticLiesOn27BSquaredEquals8ACubed() {
    // f = x^4 - a x^2 + b x (a, b named alpha, beta, other names than the window's columns):
    // f' = 4x^3 - 2ax + b, f'' = 12x^2 - 2a; both vanish where x^2 = a/6 and b = -4x^3 + 2ax,
    // i.e. 27 b^2 = 8 a^3 (the two branches b = +-sqrt(8 a^3 / 27))
    List<FoldPoint> found =
        folds(
            "function = \"x^4 - alpha * x^2 + beta * x + 1\"\n"
                + "inputs {\n  x = 0\n  alpha { from = 0.2, to = 2, points = 19 }\n"
                + "  beta { from = -1, to = 1, points = 21 }\n}\n"
                + "outputs = [\"critical-points(x, -3, 3, 2001)\"]\noutput.dir = cusp\n");
    assertTrue(found.size() >= 20, found.size() + " fold points");
    int positive = 0;
    for (FoldPoint p : found) {
      double a = p.outer()[0];
      double b = p.outer()[1];
      assertEquals(8 * a * a * a, 27 * b * b, 1e-8, "a = " + a + ", b = " + b);
      assertEquals(a / 6, p.x() * p.x(), 1e-8, "x = " + p.x());
      assertEquals(0, p.d1(), 1e-12);
      assertEquals(0, p.d2(), 1e-10);
      positive += b > 0 ? 1 : 0;
    }
    // both branches of the cusp are found
    assertTrue(positive > 0 && positive < found.size(), positive + " of " + found.size());
  }

  @Test
  void theCubicFoldsAtAEqualsZeroForEveryB() {
    // f = x^3 - a x + b: two extrema at +-sqrt(a/3) for a > 0, none for a < 0; the fold is
    // x = 0, a = 0 whatever b (0 is not a grid value of a)
    List<FoldPoint> found =
        folds(
            "function = \"x^3 - a * x + b\"\n"
                + "inputs {\n  x = 0\n  a { from = -1, to = 1, points = 20 }\n"
                + "  b { from = 0.5, to = 1, points = 6 }\n}\n"
                + "outputs = [\"critical-points(x, -2, 2, 401)\"]\noutput.dir = cubic\n");
    assertEquals(6, found.size());
    for (FoldPoint p : found) {
      assertEquals(0, p.outer()[0], 1e-12);
      assertEquals(0, p.x(), 1e-8);
    }
  }
}
