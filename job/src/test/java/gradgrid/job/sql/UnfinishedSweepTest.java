package gradgrid.job.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.cli.SqlMain;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.store.OutputGuard;
import gradgrid.job.testing.DirListing;
import gradgrid.job.testing.FaultyFactory;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose tasks keep failing publishes nothing: the finished output it was to replace stays
 * exactly as it was, readable; a finished output whose files no longer match its manifest (a part
 * file missing or truncated, a file added) is refused by readers and by {@code overwrite}.
 */
class UnfinishedSweepTest {
  @TempDir Path dir;

  private static String conf(String mode, int points) {
    return SmallSweeps.SEED
        + "inputs.x { from = -1, to = 1, points = "
        + points
        + " }\noutputs = [f]\n"
        + "output { dir = out/failing, mode = "
        + mode
        + " }\npartitions = 4\nbatch-size = 64\n";
  }

  @Test
  void failedSweepLeavesTheOldOutputAsItWas() throws Exception {
    SparkSession spark = SparkTestSession.get();
    SmallSweeps.run(dir, conf("error", 101));
    Path out = dir.resolve("out/failing");
    Map<String, Long> before = DirListing.of(out);
    SweepSpec spec = SmallSweeps.spec(dir, conf("overwrite", 1001));
    EvaluatorFactory failing =
        new FaultyFactory(
            SmallSweeps.providers().evaluator(spec),
            real ->
                (columns, results, n) -> {
                  for (int r = 0; r < n; r++) {
                    if (columns[0][r] > 0.5) {
                      throw new IllegalStateException(
                          "deliberate test failure at x = " + columns[0][r]);
                    }
                  }
                  real.evaluate(columns, results, n);
                });
    Exception e =
        assertThrows(Exception.class, () -> SweepToParquet.run(spark, spec, failing, System.out));
    assertTrue(String.valueOf(e.getMessage()).contains("deliberate test failure"), e.toString());
    assertEquals(before, DirListing.of(out), "the old output is untouched");
    SweepOutput output = new SweepOutput("failing", spec.output());
    assertEquals(101, output.read(spark).count());

    SweepToParquet.run(spark, spec, SmallSweeps.providers().evaluator(spec), System.out);
    assertEquals(1001, output.read(spark).count());
    try (Stream<Path> siblings = Files.list(out.getParent())) {
      assertEquals(
          List.of("failing"),
          siblings
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.endsWith(".gradgrid-lock"))
              .toList(),
          "no staging or old directories left beside the output");
    }
  }

  @Test
  void readersAndOverwriteRefuseAnOutputThatDoesNotMatchItsManifest() throws Exception {
    SparkSession spark = SparkTestSession.get();
    SweepSpec spec = SmallSweeps.run(dir, conf("error", 1001));
    Path out = dir.resolve("out/failing");
    SweepOutput output = new SweepOutput("failing", spec.output());
    Path part = parts(out).get(0);
    byte[] bytes = Files.readAllBytes(part);

    Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    ConfException truncated = assertThrows(ConfException.class, () -> output.read(spark));
    assertTrue(truncated.getMessage().contains("its manifest says"), truncated.getMessage());

    Files.delete(part);
    ConfException missing = assertThrows(ConfException.class, () -> output.read(spark));
    assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
    SweepSpec again = SmallSweeps.spec(dir, conf("overwrite", 1001));
    ConfException refused = assertThrows(ConfException.class, () -> OutputGuard.check(again));
    assertTrue(refused.getMessage().contains("nothing was deleted"), refused.getMessage());
    assertEquals(parts(out).size(), 3, "the overwrite deleted nothing");

    Files.write(part, bytes);
    assertEquals(1001, output.read(spark).count(), "restored, it reads again");
    Files.writeString(out.resolve("notes.txt"), "a stranger's file");
    ConfException extra = assertThrows(ConfException.class, () -> output.read(spark));
    assertTrue(extra.getMessage().contains("notes.txt"), extra.getMessage());

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SqlMain.run(
                spark,
                SqlMain.Options.parse(
                    new String[] {"--dir", dir.resolve("out").toString(), "SELECT * FROM failing"}),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .code();
    assertEquals(2, code);
    String notes = err.toString(StandardCharsets.UTF_8);
    assertTrue(notes.contains("failing") && notes.contains("manifest"), notes);
  }

  /**
   * A part file (not the first: Spark would take the schema from another and fail only the query)
   * whose footer is overwritten with garbage of the same length, so its size still matches the
   * manifest (the output has no Hadoop checksum files, so Parquet's own error finds it). Readers
   * refuse it before Spark reads anything, one paragraph naming the file, exit 2.
   */
  @Test
  void aPartFileWithACorruptFooterOfTheSameSizeIsRefusedNamingTheFile() throws Exception {
    SparkSession spark = SparkTestSession.get();
    SweepSpec spec = SmallSweeps.run(dir, conf("error", 101));
    Path out = dir.resolve("out/failing");
    Path part = parts(out).get(1);
    String name = part.getFileName().toString();
    byte[] bytes = Files.readAllBytes(part);
    // The footer: its metadata, then its 4-byte little-endian length and "PAR1".
    int footer =
        java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getInt();
    java.util.Arrays.fill(bytes, bytes.length - 8 - footer, bytes.length - 8, (byte) 0xff);
    Files.write(part, bytes);
    assertFalse(Files.exists(out.resolve("." + name + ".crc")), "no checksum file is kept");

    ConfException e =
        assertThrows(
            ConfException.class, () -> new SweepOutput("failing", spec.output()).read(spark));
    assertTrue(
        e.getMessage().contains("the part file " + name + " cannot be read"), e.getMessage());
    assertTrue(e.getMessage().contains("run the sweep again"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SqlMain.run(
                spark,
                SqlMain.Options.parse(
                    new String[] {
                      "--dir", dir.resolve("out").toString(), "SELECT count(*) FROM failing"
                    }),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .code();
    assertEquals(2, code);
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("error: the query reads view 'failing', which was skipped"), last);
    assertTrue(last.contains(name), last);
    assertTrue(
        lines.stream().allMatch(l -> l.startsWith("note: ") || l.startsWith("error: ")),
        "one line per note and one for the error: " + lines);
  }

  private static List<Path> parts(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
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
                SweepToParquet.run(
                    SparkTestSession.get(),
                    spec,
                    SmallSweeps.providers().evaluator(spec),
                    System.out));
    assertTrue(e.getMessage().contains("output.dir: nosuchfs://host/out"), e.getMessage());
  }
}
