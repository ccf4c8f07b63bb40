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
    assertTrue(m.contains("(known: dir, heatmaps, height, width)"), m);
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
}
