package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures stage with a heatmaps conf: the missing heatmaps' sweep is run once, then drawn. */
class FiguresStageTest {
  @TempDir Path dir;

  @Test
  void runsTheMissingHeatmapsSweepOnceAndDrawsBoth() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            SmallSweeps.SEED
                + "inputs.x { from = -10, to = 10, points = 201 }\n"
                + "outputs = [f, \"f'\"]\noutput.dir = seed\n");
    Path coef =
        Files.writeString(
            dir.resolve("coef.conf"),
            SmallSweeps.SEED.replace("inputs.alpha", "inputs.x = 1.5\ninputs.alpha")
                + "inputs.\"alpha[1]\" { from = -3, to = 3, points = 20 }\n"
                + "inputs.\"beta[1]\" { from = -3, to = 3, points = 10 }\n"
                + "outputs = [f, \"grad(alpha)\", \"grad(beta)\"]\n"
                + "output.dir = \""
                + dir.resolve("coef")
                + "\"\n");
    FiguresSpec figures = new FiguresSpec(dir.resolve("fig"), coef, 400, 300);
    List<String> ran = new ArrayList<>();
    FiguresStage.Sweep sweep =
        (spark, s, factory, progress) -> {
          ran.add(s.output());
          SweepToParquet.run(spark, s, factory, progress);
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 2; i++) {
      FiguresStage.draw(
          SparkTestSession.get(),
          dir.resolve("seed.conf"),
          spec,
          figures,
          SmallSweeps.providers(),
          sweep,
          new PrintStream(out, true, StandardCharsets.UTF_8),
          System.err);
    }
    assertEquals(1, ran.size(), "the second draw finds the heatmaps' output: " + ran);
    assertTrue(ran.get(0).endsWith("coef"), ran.toString());
    ReferenceFiguresTest.checkPng(dir.resolve("fig/f2-f-df.png"), 400, 300);
    ReferenceFiguresTest.checkPng(dir.resolve("fig/f6-heatmap-f.png"), 400, 300);
    String listed = out.toString(StandardCharsets.UTF_8);
    assertTrue(listed.contains("gradgrid: wrote " + dir.resolve("fig/f6-heatmap-f.png")), listed);
  }
}
