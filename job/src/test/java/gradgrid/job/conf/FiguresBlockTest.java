package gradgrid.job.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FiguresBlockTest {
  private static final Path OUT = Path.of("/data/out/seed");

  private static Optional<FiguresSpec> parse(String text) {
    return FiguresBlock.parse(ConfigFactory.parseString(text).root(), OUT);
  }

  private static String error(String text) {
    return assertThrows(ConfException.class, () -> parse(text)).getMessage();
  }

  @Test
  void readsTheBlockWithDefaultsForWhatItDoesNotSay() {
    assertEquals(Optional.empty(), parse("partitions = 3"));
    assertEquals(
        new FiguresSpec(Path.of("/data/out/seed-figures"), null, 1000, 600),
        parse("figures {}").get());
    FiguresSpec f =
        parse("figures { dir = figs, heatmaps = \"conf/b.conf\", width = 640, height = \"400\" }")
            .get();
    assertEquals(new FiguresSpec(Path.of("figs"), Path.of("conf/b.conf"), 640, 400), f);
  }

  @Test
  void defaultsBesideALocalOutputOrInFiguresForARemoteOne() {
    assertEquals(Path.of("/data/out/seed-figures"), FiguresSpec.defaults(OUT).dir());
    FiguresSpec remote = FiguresSpec.defaults(null);
    assertEquals(Path.of("figures"), remote.dir());
    assertNull(remote.heatmaps());
    assertEquals(
        Path.of("figures"),
        FiguresBlock.parse(ConfigFactory.parseString("figures {}").root(), null).get().dir());
  }

  @Test
  void anUnknownKeyIsRefusedWithTheNearestOne() {
    String m = error("figures {\n  heatmap = \"b.conf\"\n}");
    assertTrue(m.contains(":2: unknown key 'figures.heatmap'"), m); // line 2
    assertTrue(m.contains("did you mean 'heatmaps'?"), m);
    assertTrue(
        m.contains("(known: contours, dir, heatmaps, height, scale, small-multiples, width)"), m);
  }

  @Test
  void wrongTypesAndRangesNameTheKey() {
    assertTrue(error("figures = yes").contains("figures: expected an object"));
    assertTrue(error("figures.dir = [a]").contains("figures.dir: expected a string, got list"));
    assertTrue(error("figures.heatmaps = \"\"").contains("figures.heatmaps: must not be empty"));
    String m = error("figures.width = wide");
    assertTrue(m.contains("figures.width: expected a whole number of pixels in 200..8000"), m);
    assertTrue(error("figures.width = 640.5").contains("got 640.5"));
    assertTrue(error("figures.height = 100").contains("figures.height: expected"));
    assertTrue(error("figures.height = 8001").contains("150..8000, got 8001"));
  }

  @Test
  void readsTheScaleContoursAndSmallMultiples() {
    FiguresSpec d = parse("figures {}").get();
    assertEquals(FigureScale.AUTO, d.scale());
    assertEquals(FiguresSpec.AUTO_CONTOURS, d.contours());
    assertEquals(SmallMultiples.AUTO, d.multiples());
    FiguresSpec f =
        parse("figures { scale = symlog, contours = 0, small-multiples = never }").get();
    assertEquals(FigureScale.SYMLOG, f.scale());
    assertEquals(0, f.contours());
    assertEquals(SmallMultiples.NEVER, f.multiples());
    assertEquals(FigureScale.LOG, parse("figures.scale = log").get().scale());
    assertEquals(FigureScale.LINEAR, parse("figures.scale = linear").get().scale());
    assertEquals(50, parse("figures.contours = \"50\"").get().contours());
    assertEquals(
        SmallMultiples.ALWAYS, parse("figures.small-multiples = always").get().multiples());
  }

  @Test
  void badScaleContoursAndSmallMultiplesNameTheKeyAndTheChoices() {
    String m = error("figures {\n  scale = logarithmic\n}");
    assertTrue(m.contains(":2: figures.scale: expected one of linear, log, symlog, auto"), m);
    assertTrue(m.contains("got \"logarithmic\""), m);
    assertTrue(error("figures.scale = 3").contains("figures.scale: expected one of"));
    assertTrue(error("figures.scale = [log]").contains("got [\"log\"]"));
    assertTrue(error("figures.scale = LOG").contains("figures.scale: expected one of"));
    m = error("figures.contours = 51");
    assertTrue(
        m.contains("figures.contours: expected a whole number of contour lines in 0..50"), m);
    assertTrue(m.contains("got 51"), m);
    assertTrue(error("figures.contours = -1").contains("figures.contours: expected"));
    assertTrue(error("figures.contours = 2.5").contains("got 2.5"));
    assertTrue(error("figures.contours = many").contains("figures.contours: expected"));
    m = error("figures.small-multiples = yes");
    assertTrue(m.contains("figures.small-multiples: expected one of auto, always, never"), m);
  }
}
