package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.testing.LocalCluster;
import gradgrid.job.testing.SmallSweeps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone master that is not there: Spark gives up after its three registration attempts
 * (about a minute) and stops the application; the sweep says so in one paragraph, naming the
 * master, exits 1 and writes nothing (the output directory never existed and still does not).
 */
class UnreachableMasterTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aMasterThatIsNotThereEndsTheSweepWithOneParagraph() throws Exception {
    Path out = tmp.resolve("never");
    Path conf = tmp.resolve("s.conf");
    Files.writeString(
        conf,
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 11 }\noutputs = [f]\noutput.dir = \""
            + out
            + "\"\n");
    // A cluster environment that is never started: its master port has nothing listening.
    LocalCluster nobody = new LocalCluster(tmp, 1);
    Path log = tmp.resolve("submit.log");
    Process p = nobody.start(log, "--master", nobody.master(), conf.toString());
    assertTrue(p.waitFor(140, TimeUnit.SECONDS), "submit.sh did not end");
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(1, p.exitValue(), text);
    assertTrue(
        text.contains(
            "error: the sweep failed and did not finish: Spark stopped the application before the"
                + " sweep finished (master "
                + nobody.master()),
        text);
    assertTrue(text.contains("nothing was written to " + out), text);
    assertFalse(text.contains("stopped SparkContext"), text);
    assertFalse(text.contains("\tat "), text);
    assertFalse(Files.exists(out), "the output directory was created");
  }
}
