package gradgrid.job.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.ConfDir;
import gradgrid.job.store.Manifest;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.testing.SqlRun;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views are registered one by one: a bad output, a name clash or a broken conf is only a note. */
class SweepCatalogTest {
  @TempDir static Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static void sweep(int points, String outDir) {
    SmallSweeps.run(
        dir,
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = "
            + points
            + " }\noutputs = [f]\noutput.dir = "
            + outDir
            + "\n");
  }

  @BeforeAll
  static void outputs() throws Exception {
    sweep(5, "out/cat-dup");
    sweep(3, "out/cat_dup");
    Path good = dir.resolve("out/cat-dup");
    // Finished and matching its manifest, but a part file is garbage of the same size: Spark
    // cannot read the schema.
    Path corrupt = Files.createDirectories(dir.resolve("out/cat_corrupt"));
    // A copy without the manifest: a sweep that did not finish.
    Path unfinished = Files.createDirectories(dir.resolve("out/cat_unfinished"));
    try (Stream<Path> s = Files.walk(good)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String n = good.relativize(p).toString();
        Files.createDirectories(corrupt.resolve(n).getParent());
        if (n.startsWith("part-")) {
          Files.write(corrupt.resolve(n), new byte[(int) Files.size(p)]);
        } else {
          Files.copy(p, corrupt.resolve(n));
        }
        if (!n.equals(Manifest.FILE_NAME)) {
          Files.createDirectories(unfinished.resolve(n).getParent());
          Files.copy(p, unfinished.resolve(n));
        }
      }
    }
    // A figures directory (its manifest lists only images) and a directory of someone else's.
    Path figures = Files.createDirectories(dir.resolve("out/cat_figures/_gradgrid"));
    Files.writeString(
        figures.resolve("manifest.json"),
        "{\"format\": 1, \"run\": \"r\", \"conf-sha256\": \"h\", \"rows\": 0, \"files\":"
            + " [{\"name\": \"f.svg\", \"bytes\": 3, \"rows\": 0}]}\n");
    Files.writeString(dir.resolve("out/cat_figures/f.svg"), "svg");
    Files.writeString(
        Files.createDirectories(dir.resolve("out/cat_notes")).resolve("notes.txt"), "mine");
  }

  private int sql(String... args) {
    return SqlRun.sql(out, err, args);
  }

  private List<String> notes() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static String note(List<String> notes, String prefix) {
    return notes.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "': " + notes));
  }

  @Test
  void aCorruptOrUnfinishedOutputIsSkippedAndTheOthersStillAnswer() {
    int code = sql("--csv", "--dir", dir.resolve("out").toString(), "SELECT count(*) FROM cat_dup");
    List<String> notes = notes();
    assertEquals(0, code, notes.toString());
    // the view belongs to out/cat-dup, the 5-point sweep ('-' sorts before '_')
    assertEquals(List.of("count(1)", "5"), out.toString(StandardCharsets.UTF_8).lines().toList());
    String corrupt = note(notes, "note: view 'cat_corrupt' skipped: ");
    assertTrue(corrupt.contains(dir.resolve("out/cat_corrupt").toString()), corrupt);
    assertTrue(note(notes, "note: view 'cat_unfinished' skipped: ").contains("did not finish"));
    assertFalse(SparkTestSession.get().catalog().tableExists("cat_corrupt"));
    assertFalse(SparkTestSession.get().catalog().tableExists("cat_unfinished"));
  }

  @Test
  void figuresAndOtherDirectoriesAreNoViewsAndNoNotes() {
    assertEquals(0, sql("--dir", dir.resolve("out").toString(), "SELECT 1"));
    List<String> notes = notes();
    assertTrue(
        notes.stream().noneMatch(l -> l.contains("cat_figures") || l.contains("cat_notes")),
        notes.toString());
    assertFalse(SparkTestSession.get().catalog().tableExists("cat_figures"));
  }

  @Test
  void aConfWhoseSweepHasNotRunIsNoNoteUntilAQueryReadsItsView() throws Exception {
    Path confs = Files.createDirectories(dir.resolve("confs-unrun"));
    Files.writeString(
        confs.resolve("cat-unrun.conf"),
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 5 }\noutputs = [f]\noutput.dir = \""
            + dir.resolve("out-unrun/never")
            + "\"\n");
    assertEquals(0, sql("--confs", confs.toString(), "SELECT 1"));
    assertEquals(List.of(), notes().stream().filter(l -> l.contains("cat_unrun ")).toList());
    assertTrue(notes().stream().noneMatch(l -> l.startsWith("note: view")), notes().toString());
    err.reset();
    assertEquals(2, sql("--confs", confs.toString(), "SELECT count(*) FROM cat_unrun"));
    String last = notes().get(notes().size() - 1);
    assertTrue(
        last.startsWith("error: the query reads view 'cat_unrun', which was skipped: ")
            && last.contains("not found; run its sweep first"),
        notes().toString());
  }

  @Test
  void twoDirectoriesWithOneViewNameAreReportedNamingBoth() {
    assertEquals(0, sql("--dir", dir.resolve("out").toString(), "SELECT 1"));
    String clash = note(notes(), "note: view 'cat_dup' skipped: ");
    assertTrue(
        clash.contains(
            dir.resolve("out/cat_dup")
                + " maps to the same view name as "
                + dir.resolve("out/cat-dup")
                + ", which has the view"),
        clash);
  }

  @Test
  void aConfWithASyntaxErrorIsANoteAndSparkDefaultsIsPassedOver() throws Exception {
    Path confs = Files.createDirectories(dir.resolve("confs"));
    Files.writeString(
        confs.resolve("cat-conf.conf"),
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 5 }\noutputs = [f]\noutput.dir = \""
            + dir.resolve("out/cat-dup")
            + "\"\n");
    Files.writeString(confs.resolve("broken.conf"), "function { builtin = rational\ninputs = [\n");
    Files.writeString(confs.resolve(ConfDir.SPARK_DEFAULTS), "spark.ui.enabled   false\n");
    int code = sql("--confs", confs.toString(), "SELECT count(*) AS n FROM cat_conf");
    List<String> notes = notes();
    assertEquals(0, code, notes.toString());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("5"), notes.toString());
    String broken = note(notes, "note: " + confs.resolve("broken.conf") + " skipped: ");
    assertTrue(broken.contains("broken.conf: 3"), broken);
    assertTrue(notes.stream().noneMatch(l -> l.contains(ConfDir.SPARK_DEFAULTS)), notes.toString());
  }
}
