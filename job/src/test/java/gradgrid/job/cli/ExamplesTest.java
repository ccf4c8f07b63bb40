package gradgrid.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.testing.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh example <Name>} runs an example program through the launcher with gradgrid's
 * jar, as the README shows ({@code Evaluate}: {@code Gradgrid} on a DataFrame of one's own); an
 * unknown name is refused before any JVM starts.
 */
class ExamplesTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theEvaluateExamplePrintsTheOutputsAddedToItsTable() throws Exception {
    String out =
        new LocalCluster(tmp, 1)
            .runOk(
                tmp.resolve("example.log"),
                Map.of(),
                100,
                "example",
                "--master",
                "local[1]",
                "Evaluate");
    // the README's first table: f and f' of the worked example at t = -1 (its row 'a')
    assertTrue(out.contains("|a    |-1.0|0.3066340831449268|0.8964076683851505 |"), out);
    // the null coefficient array of draw 3 gives null outputs
    assertTrue(out.contains("|3   |0.5|NULL                               |NULL"), out);
    // the seed's coefficients (draw 1) have the reference's five extrema, starting at -6.248
    assertTrue(out.contains("|1   |3     |2     |[-6.248018722466944, -2.9730317389100804,"), out);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void optionsBeforeTheNameGoToSparkAndWordsAfterItToTheExampleUntouched() throws Exception {
    Path log = tmp.resolve("args.log");
    LocalCluster submit = new LocalCluster(tmp, 1);
    Process p =
        submit.start(
            log,
            "example",
            "-c",
            "spark.ui.enabled=false",
            "--master=local[1]",
            "Evaluate",
            "d2f/dx2",
            "--name=x",
            "-c");
    assertTrue(p.waitFor(100, TimeUnit.SECONDS));
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(1, p.exitValue(), text);
    // the example, not spark-submit, saw the flags, as outputs it does not know
    assertTrue(text.contains("'--name=x'"), text);
    assertFalse(text.contains("Unrecognized option"), text);
  }

  @Test
  void anUnknownExampleIsRefusedNamingTheExamples() throws Exception {
    Path log = tmp.resolve("nope.log");
    LocalCluster submit = new LocalCluster(tmp, 1);
    Process p = submit.start(log, "example", "Nope");
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), text);
    assertEquals(
        "error: example: no example named 'Nope'; the examples are: Evaluate; nothing was run\n",
        text);
    assertFalse(Files.exists(submit.dir().resolve("logs")), "a run log was started");
  }
}
