package gradgrid.job.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plot} and {@code extrema} refuse a {@code from-table} sweep, which has no grid. */
class GridOnlyTest {
  @TempDir Path dir;

  @Test
  void plotAndExtremaRefuseATableSweepAndAcceptAGrid() throws Exception {
    Files.createDirectories(dir.resolve("t.parquet"));
    SweepSpec table =
        SmallSweeps.spec(
            dir,
            "function { builtin = rational, deg-p = 1, deg-q = 1 }\n"
                + "inputs { from-table = \"t.parquet\"\n x { from = 0, to = 1, points = 3 } }\n"
                + "outputs = [f, \"f'\"]\n");
    for (String command : new String[] {"plot", "extrema"}) {
      ConfException e =
          assertThrows(
              ConfException.class,
              () -> ConfCommand.gridOnly(command, "needs a grid").accept(table));
      assertTrue(
          e.getMessage().startsWith(command + " needs a grid; this conf sweeps the rows of")
              && e.getMessage().contains("./submit.sh sql"),
          e.getMessage());
    }
    SweepSpec grid =
        SmallSweeps.spec(
            dir, SmallSweeps.SEED + "inputs.x { from = 0, to = 1, points = 3 }\noutputs = [f]\n");
    ConfCommand.gridOnly("plot", "needs a grid").accept(grid);
  }
}
