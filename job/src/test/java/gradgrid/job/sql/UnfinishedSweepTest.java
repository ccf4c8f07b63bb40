package gradgrid.job.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.SweepMain;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.parquet.OutputGuard;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.run.BatchEvaluator;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose tasks keep failing leaves no output that looks complete: no {@code _SUCCESS}, no
 * summary, gradgrid's in-progress marker; readers and {@code sql} refuse it saying the sweep did
 * not finish; {@code error} mode refuses to reuse the directory, {@code overwrite} replaces it.
 */
class UnfinishedSweepTest {
  @TempDir Path dir;

  /** Wraps an evaluator recipe so that every batch holding a row with x > 0.5 throws. */
  private record FailingFactory(EvaluatorFactory inner) implements EvaluatorFactory {
    @Override
    public int inputWidth() {
      return inner.inputWidth();
    }

    @Override
    public int outputWidth() {
      return inner.outputWidth();
    }

    @Override
    public BatchEvaluator create() {
      BatchEvaluator e = inner.create();
      return (in, out, n) -> {
        for (int r = 0; r < n; r++) {
          if (in[0][r] > 0.5) {
            throw new IllegalStateException("deliberate test failure at x = " + in[0][r]);
          }
        }
        e.evaluate(in, out, n);
      };
    }
  }

  private static String conf(String mode) {
    return SmallSweeps.SEED
        + "inputs.x { from = -1, to = 1, points = 1001 }\noutputs = [f]\n"
        + "output { dir = out/failing, mode = "
        + mode
        + " }\npartitions = 4\nbatch-size = 64\n";
  }

  @Test
  void failedSweepIsRefusedByReadersAndReplacedOnlyByOverwrite() throws Exception {
    SparkSession spark = SparkTestSession.get();
    SweepSpec spec = SmallSweeps.spec(dir, conf("error"));
    EvaluatorFactory failing = new FailingFactory(SmallSweeps.providers().evaluator(spec));
    Exception e = assertThrows(Exception.class, () -> SweepMain.sweep(spark, spec, failing));
    assertTrue(String.valueOf(e.getMessage()).contains("deliberate test failure"), e.toString());

    Path out = dir.resolve("out/failing");
    assertFalse(Files.exists(out.resolve(SweepOutput.SUCCESS)), "no commit marker");
    assertFalse(Files.exists(out.resolve(SweepSummary.FILE_NAME)), "no summary");
    assertTrue(Files.exists(out.resolve(OutputGuard.IN_PROGRESS)), "the in-progress marker stays");

    SweepOutput output = new SweepOutput("failing", spec.output());
    ConfException refused = assertThrows(ConfException.class, () -> output.read(spark));
    assertTrue(refused.getMessage().contains("did not finish"), refused.getMessage());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SqlMain.run(
            spark,
            SqlMain.Options.parse(
                new String[] {"--dir", dir.resolve("out").toString(), "SELECT * FROM failing"}),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    String notes = err.toString(StandardCharsets.UTF_8);
    assertTrue(notes.contains("failing") && notes.contains("did not finish"), notes);

    // error mode will not reuse it; overwrite replaces it, since gradgrid's marker says it is ours.
    ConfException exists = assertThrows(ConfException.class, () -> OutputGuard.check(spec));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    SweepSpec again = SmallSweeps.spec(dir, conf("overwrite"));
    OutputGuard.check(again);
    SweepMain.sweep(spark, again, SmallSweeps.providers().evaluator(again));
    assertFalse(Files.exists(out.resolve(OutputGuard.IN_PROGRESS)), "marker removed at the end");
    assertEquals(1001, output.read(spark).count());

    // A driver killed after Spark's commit but before the summary leaves the marker: refused.
    Files.writeString(out.resolve(OutputGuard.IN_PROGRESS), "{}");
    refused = assertThrows(ConfException.class, () -> output.read(spark));
    assertTrue(refused.getMessage().contains("did not finish"), refused.getMessage());
  }

  @Test
  void anOutputOnAnUnknownFileSystemIsBadInput() {
    SweepSpec spec =
        SmallSweeps.spec(
            dir,
            SmallSweeps.SEED
                + "inputs.x = 1\noutputs = [f]\noutput.dir = \"nosuchfs://host/out\"\n");
    ConfException e =
        assertThrows(
            ConfException.class,
            () ->
                SweepMain.sweep(
                    SparkTestSession.get(), spec, SmallSweeps.providers().evaluator(spec)));
    assertTrue(e.getMessage().contains("output.dir: nosuchfs://host/out"), e.getMessage());
  }
}
