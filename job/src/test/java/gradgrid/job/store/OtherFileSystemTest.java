package gradgrid.job.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.testing.DirListing;
import gradgrid.job.testing.OtherSchemeFileSystem;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output store on a Hadoop file system that is not {@code file} ({@link OtherSchemeFileSystem}:
 * real files under another scheme), where the lock is the lock file's atomic creation and
 * writability is the file system's own permission check: a sweep written, read back, replaced; a
 * lock left by a killed run, a stranger's directory and an unwritable parent refused with nothing
 * changed.
 */
class OtherFileSystemTest {
  private static final String KEY = "fs." + OtherSchemeFileSystem.SCHEME + ".impl";

  @TempDir Path dir;

  @BeforeAll
  static void register() {
    SparkTestSession.get()
        .sparkContext()
        .hadoopConfiguration()
        .set(KEY, OtherSchemeFileSystem.class.getName());
  }

  @AfterAll
  static void unregister() {
    SparkTestSession.get().sparkContext().hadoopConfiguration().unset(KEY);
  }

  private String location(String relative) {
    return OtherSchemeFileSystem.SCHEME + "://" + dir.resolve(relative);
  }

  private String conf(String relative, int points, String mode) {
    return SmallSweeps.SEED
        + "inputs.x { from = -1, to = 1, points = "
        + points
        + " }\noutputs = [f, \"df/dx\"]\noutput { dir = \""
        + location(relative)
        + "\", mode = "
        + mode
        + " }\npartitions = 3\n";
  }

  private static long rows(SweepSpec spec) {
    SparkSession spark = SparkTestSession.get();
    return new SweepOutput("r", spec.output()).read(spark).count();
  }

  private List<String> names(String relative) throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve(relative))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aTableOnTheOtherFileSystemIsSweptAndItsFilesIdentifyTheOutput() throws Exception {
    SparkSession spark = SparkTestSession.get();
    spark
        .range(4)
        .selectExpr("id", "array(0.5, -1.2, -0.8, 0.4, 0.05, -0.01 * id) as alpha")
        .write()
        .parquet(location("table"));
    String text =
        SmallSweeps.SEED.replace("inputs.alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n", "")
            + "inputs { from-table = \""
            + location("table")
            + "\"\n x { from = -1, to = 1, points = 5 } }\noutputs = [f]\noutput { dir = \""
            + location("out/t")
            + "\", mode = resume }\n";
    SweepSpec spec = SmallSweeps.run(dir, text);
    assertEquals(20, rows(spec), "4 table rows x 5 x values");
    SweepSpec again = SmallSweeps.run(dir, text);
    assertEquals(20, rows(again), "an unchanged table: the finished output is this run's");
  }

  @Test
  void aSweepIsWrittenReadAndReplacedWithNoDebrisAndNoLockLeft() throws Exception {
    SweepSpec first = SmallSweeps.run(dir, conf("out/r", 101, "error"));
    assertEquals(null, first.localOutput(), "the test's scheme must count as remote");
    assertEquals(101, rows(first));
    assertEquals(List.of("r"), names("out"), "no lock file, staging or aside left");
    assertTrue(
        Files.exists(dir.resolve("out/r").resolve(Manifest.FILE_NAME)), names("out/r").toString());

    SweepSpec again = SmallSweeps.spec(dir, conf("out/r", 51, "error"));
    ConfException e =
        assertThrows(ConfException.class, () -> SmallSweeps.run(dir, conf("out/r", 51, "error")));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals(101, rows(again));

    SweepSpec replaced = SmallSweeps.run(dir, conf("out/r", 51, "overwrite"));
    assertEquals(51, rows(replaced));
    assertEquals(List.of("r"), names("out"));
  }

  @Test
  void aLockLeftByAKilledRunIsNamedAndNothingIsChanged() throws Exception {
    SmallSweeps.run(dir, conf("out/r", 11, "error"));
    Path lock = dir.resolve("out/.r.gradgrid-lock");
    Files.writeString(lock, "run 20260101T000000Z-dead, pid 1\n");
    Map<String, Long> before = DirListing.of(dir.resolve("out"));
    ConfException e =
        assertThrows(
            ConfException.class, () -> SmallSweeps.run(dir, conf("out/r", 21, "overwrite")));
    assertTrue(e.getMessage().contains(".r.gradgrid-lock"), e.getMessage());
    assertTrue(e.getMessage().contains("delete"), e.getMessage());
    assertEquals(before, DirListing.of(dir.resolve("out")));
  }

  @Test
  void aStrangersDirectoryIsRefusedAndUntouched() throws Exception {
    Path stranger = Files.createDirectories(dir.resolve("out/r"));
    Files.writeString(stranger.resolve("notes.txt"), "keep me");
    Map<String, Long> before = DirListing.of(stranger);
    ConfException e =
        assertThrows(
            ConfException.class, () -> SmallSweeps.run(dir, conf("out/r", 11, "overwrite")));
    assertTrue(e.getMessage().contains("nothing was deleted"), e.getMessage());
    assertEquals(before, DirListing.of(stranger));
    assertEquals(List.of("r"), names("out"), "the lock file is removed when the run ends");
  }

  @Test
  void anUnwritableParentIsRefusedBeforeAnythingIsDeleted() throws Exception {
    SweepSpec spec = SmallSweeps.run(dir, conf("locked/r", 11, "error"));
    Path parent = dir.resolve("locked");
    Map<String, Long> before = DirListing.of(parent);
    assertTrue(parent.toFile().setWritable(false, false));
    try {
      // Hadoop's permission check reads the mode bits, so it refuses whoever runs the test.
      ConfException e =
          assertThrows(
              ConfException.class, () -> SmallSweeps.run(dir, conf("locked/r", 21, "overwrite")));
      assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
      assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    } finally {
      parent.toFile().setWritable(true, false);
    }
    assertEquals(before, DirListing.of(parent));
    assertEquals(11, rows(spec));
  }
}
