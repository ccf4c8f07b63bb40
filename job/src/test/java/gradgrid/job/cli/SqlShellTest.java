package gradgrid.job.cli;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh sql} with no query, driven through stdin as a script would: the views are
 * registered once, statements end at {@code ;} across lines, a failing one is one paragraph on
 * stderr and the next still runs, {@code \csv on} switches the output, {@code quit} ends it; stdout
 * holds the results only (no prompt, no escape codes).
 */
class SqlShellTest {
  @Test
  void pipedStatementsRunOneAfterAnotherWithCleanStdout(@TempDir Path tmp) throws Exception {
    Path confs = Files.createDirectories(tmp.resolve("confs"));
    Files.writeString(
        confs.resolve("live.conf"),
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 2001 }\noutputs = [f]\noutput.dir = \""
            + tmp.resolve("out/live")
            + "\"\n");
    Path in = tmp.resolve("in.sql");
    Files.writeString(
        in,
        String.join(
            "\n",
            "-- a comment line",
            "SELECT count(*) AS n",
            "  FROM live_live WHERE x > 0.5;",
            "SELECT nope FROM live_live;",
            "\\csv on",
            "SELECT 1 AS a, 'x;y' AS b; SELECT 2 AS c;",
            "quit",
            "SELECT 3 AS never;",
            ""));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb = new LocalCluster(tmp, 1).command("sql", "--confs", confs.toString());
    Process p =
        pb.redirectInput(in.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String o = Files.readString(out, StandardCharsets.UTF_8);
    String e = Files.readString(err, StandardCharsets.UTF_8);
    assertTrue(done, e);
    // x > 0.5 keeps the 500 grid points after 0.5 (step 0.001)
    assertEquals("n\n---\n500\n(1 row)\na,b\n1,x;y\nc\n2\n", o, e);
    assertEquals(2, p.exitValue(), "a statement failed: exit 2\n" + e);
    assertTrue(e.contains("error: [UNRESOLVED_COLUMN"), e);
    assertEquals(1, e.lines().filter(l -> l.startsWith("error:")).count(), e);
    assertFalse(o.contains("\u001b") || e.contains("\u001b"), "no escape codes");
    assertFalse(e.contains("Exception"), e);
  }
}
