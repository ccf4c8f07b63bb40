package gradgrid.job.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.testing.DirListing;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while a sweep replaces an output: the sweep fails naming the cause, and the
 * old output stays exactly as it was and still reads. Uses a 4 MiB tmpfs, so it needs the privilege
 * to mount one (root in a container that allows it); elsewhere it is skipped, saying so.
 */
class DiskFullTest {
  @TempDir Path dir;

  private static String conf(int points, String mode) {
    return SmallSweeps.SEED
        + "inputs.x { from = -1, to = 1, points = "
        + points
        + " }\noutputs = [f, \"f'\", \"f''\", \"grad(alpha)\", \"grad(beta)\"]\n"
        + "output { dir = small/r, mode = "
        + mode
        + " }\npartitions = 4\n";
  }

  @Test
  void aFullDiskFailsTheSweepAndLeavesTheOldOutput() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    assumeTrue(
        DirListing.succeeds("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", small.toString()),
        "skipped: cannot mount a small tmpfs here (needs root and a container that allows mounts)");
    try {
      SweepSpec old = SmallSweeps.run(dir, conf(101, "error"));
      Map<String, Long> before = DirListing.of(small.resolve("r"));
      SweepSpec big = SmallSweeps.spec(dir, conf(200_000, "overwrite"));
      Throwable e =
          assertThrows(
              Throwable.class,
              () ->
                  SweepToParquet.run(
                      SparkTestSession.get(),
                      big,
                      SmallSweeps.providers().evaluator(big),
                      System.out));
      StringBuilder chain = new StringBuilder();
      for (Throwable t = e; t != null && chain.length() < 100_000; t = t.getCause()) {
        chain.append(t).append('\n');
      }
      assertTrue(chain.toString().contains("No space left on device"), chain.toString());
      assertEquals(before, DirListing.of(small.resolve("r")), "the old output is untouched");
      assertEquals(101, new SweepOutput("r", old.output()).read(SparkTestSession.get()).count());
    } finally {
      DirListing.succeeds(
          "umount", "-l", small.toString()); // lazily: a failed task may still hold a file open
    }
  }
}
