package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.cli.SweepMain;
import gradgrid.job.store.Manifest;
import gradgrid.job.testing.LocalCluster;
import gradgrid.job.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input exits with 2, prints a Usage line and the problem, and writes nothing; a figures stage
 * that fails after the sweep says the output is complete.
 */
class SweepMainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SweepMain.run(
            args,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .code();
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path conf(String outputs, String extra) throws Exception {
    Path out = dir.resolve("out");
    Path f = dir.resolve("s.conf");
    Files.writeString(
        f,
        "function { builtin = rational, deg-p = 1, deg-q = 1 }\n"
            + "inputs { x = 1, alpha = [1, 2], beta = [3, 4] }\n"
            + "outputs = ["
            + outputs
            + "]\n"
            + "output.dir = \""
            + out
            + "\"\n"
            + extra);
    return f;
  }

  @Test
  void noArgumentsPrintsUsage() {
    assertEquals(2, run());
    assertTrue(err().startsWith("Usage: ./submit.sh [spark-submit options] <sweep.conf>"), err());
    assertEquals(2, run("a.conf", "b.conf"));
  }

  @Test
  void missingConf() {
    assertEquals(2, run(dir.resolve("nope.conf").toString()));
    assertTrue(err().contains("conf file not found") && err().contains("Usage:"), err());
  }

  @Test
  void badConfWritesNothing() throws Exception {
    assertEquals(2, run(conf("f, \"grad(gamma)\"", "").toString()));
    assertTrue(err().contains("outputs[1]") && err().contains("gamma"), err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void existingOutputIsRefusedByDefault() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/data.txt"), "mine");
    assertEquals(2, run(conf("f", "").toString()));
    assertTrue(err().contains("already exists"), err());
    assertEquals(2, run(conf("f", "output.mode = overwrite\n").toString()));
    assertTrue(err().contains("gradgrid did not write it"), err());
    assertEquals("mine", Files.readString(dir.resolve("out/data.txt")));
  }

  /** Runs {@code ./submit.sh --master local[1] <conf>}, which must exit 1; its console. */
  private String failedRun(Path conf) throws Exception {
    Path log = dir.resolve("submit.log");
    Process p = new LocalCluster(dir, 1).start(log, "--master", "local[1]", conf.toString());
    boolean done = p.waitFor(100, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String console = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, console);
    assertEquals(1, p.exitValue(), console);
    return console;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void figuresThatFailAfterTheSweepSayTheOutputIsComplete() throws Exception {
    Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
    Path conf =
        conf(
            "f, \"f'\"",
            "inputs.x { from = -1, to = 1, points = 11 }\nfigures.dir = \""
                + blocker.resolve("figs")
                + "\"\n");
    String console = failedRun(conf);
    assertTrue(
        console.contains(
            "error: the sweep finished and "
                + dir.resolve("out")
                + " is complete, but drawing its"
                + " figures failed:"),
        console);
    assertFalse(console.contains("the sweep failed"), console);
    assertTrue(
        Files.exists(dir.resolve("out").resolve(Manifest.FILE_NAME)), "the output is finished");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aTableSweepThatFailsSaysItStartsOverAndNamesTheRow() throws Exception {
    Path table = dir.resolve("short draws");
    SparkTestSession.get()
        .range(3)
        .selectExpr("id", "array(cast(id as double)) as alpha")
        .write()
        .parquet(table.toString());
    Path conf = dir.resolve("t.conf");
    Files.writeString(
        conf,
        "function { builtin = rational, deg-p = 1, deg-q = 1 }\n"
            + "inputs { from-table = \""
            + table
            + "\"\n x { from = -1, to = 1, points = 3 }\n beta = [3, 4] }\n"
            + "outputs = [f]\noutput.dir = \""
            + dir.resolve("out")
            + "\"\n");
    String console = failedRun(conf);
    assertTrue(console.contains("error: the sweep failed and did not finish:"), console);
    assertTrue(
        console.contains("'alpha' needs 2 elements; a row of column 'alpha' has 1"), console);
    assertTrue(console.contains("a sweep over a table's rows starts over"), console);
    assertFalse(Files.exists(dir.resolve("out")), "nothing published");
  }
}
