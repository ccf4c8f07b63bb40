package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference figures from small real sweeps: files, sizes, and pixels that are not blank. */
class ReferenceFiguresTest {
  @TempDir Path dir;

  @Test
  void lineFiguresOneToFive() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            SmallSweeps.SEED
                + "inputs.x { from = -10, to = 10, points = 801 }\n"
                + "outputs = [f, \"f'\", \"f''\", \"grad(alpha)\", \"grad(beta)\"]\n"
                + "output.dir = seed\n");
    FiguresSpec conf = new FiguresSpec(dir.resolve("fig"), null, 640, 400);
    List<Path> files =
        ReferenceFigures.draw(
            SparkTestSession.get().read().parquet(spec.output()), spec, conf, System.err);
    assertEquals(10, files.size(), files.toString());
    for (String name :
        List.of("f1-f", "f2-f-df", "f3-f-df-d2f-normalised", "f4-df-dalpha", "f5-df-dbeta")) {
      checkPng(conf.dir().resolve(name + ".png"), 640, 400);
      String svg = Files.readString(conf.dir().resolve(name + ".svg"));
      assertTrue(svg.startsWith("<svg") || svg.contains("<svg"), name);
      assertTrue(svg.contains("<path"), name + ": the SVG has no curve");
    }
    // df/dbeta_5 spans about 2250, df/dbeta_0 about 8.5: one panel per component.
    assertTrue(
        Files.readString(conf.dir().resolve("f5-df-dbeta.svg"))
            .contains("(5) df/dbeta, one panel per component"));
  }

  @Test
  void heatmapsOfFAndGradNorm() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            SmallSweeps.SEED.replace("inputs.alpha", "inputs.x = 1.5\ninputs.alpha")
                + "inputs.\"alpha[1]\" { from = -3, to = 3, points = 40 }\n"
                + "inputs.\"beta[1]\" { from = -3, to = 3, points = 30 }\n"
                + "outputs = [f, \"grad(alpha)\", \"grad(beta)\"]\noutput.dir = coef\n");
    FiguresSpec conf = new FiguresSpec(dir.resolve("fig"), null, 500, 400);
    List<Path> files =
        ReferenceFigures.draw(
            SparkTestSession.get().read().parquet(spec.output()), spec, conf, System.err);
    assertEquals(4, files.size(), files.toString());
    checkPng(conf.dir().resolve("f6-heatmap-f.png"), 500, 400);
    checkPng(conf.dir().resolve("f6-heatmap-grad-norm.png"), 500, 400);
  }

  /** Exists, has the size asked for, and is a picture: many colours, mostly not background. */
  static void checkPng(Path png, int width, int height) throws Exception {
    assertTrue(Files.size(png) > 5_000, png + " is suspiciously small");
    BufferedImage img = ImageIO.read(new File(png.toString()));
    assertEquals(width, img.getWidth(), png.toString());
    assertEquals(height, img.getHeight(), png.toString());
    Set<Integer> colours = new HashSet<>();
    int nonWhite = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        nonWhite += rgb == 0xFFFFFF ? 0 : 1;
      }
    }
    assertTrue(colours.size() > 20, png + ": only " + colours.size() + " colours");
    assertTrue(nonWhite > width * height / 100, png + ": almost blank");
  }
}
