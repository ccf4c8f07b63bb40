package gradgrid.job.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.testing.DirListing;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output commit at each instant a kill can stop it, the lock, and ownership. A publish is: the
 * manifest written into the staging directory, the old output renamed aside, the staging directory
 * renamed into place, the old output deleted. Each test builds the on-disk state a kill leaves
 * after each step (from two real finished sweeps), then checks that a reader sees exactly the old
 * or the new output and that the next run finishes the publish and leaves no debris.
 */
class OutputCommitTest {
  @TempDir Path dir;

  private static String conf(String out, int points, String mode) {
    return SmallSweeps.SEED
        + "inputs.x { from = -1, to = 1, points = "
        + points
        + " }\noutputs = [f]\noutput { dir = \""
        + out
        + "\", mode = "
        + mode
        + " }\npartitions = 3\n";
  }

  /** The old output (101 rows) at out/r and a finished new run (201 rows) staged beside it. */
  private SweepSpec oldAndStagedNew(String runId) throws IOException {
    SweepSpec spec = SmallSweeps.run(dir, conf("out/r", 101, "error"));
    SmallSweeps.run(dir, conf("out/new", 201, "error"));
    Files.move(dir.resolve("out/new"), dir.resolve("out/.r.gradgrid-run-" + runId));
    return spec;
  }

  private long readRows(SweepSpec spec) {
    return new SweepOutput("r", spec.output()).read(SparkTestSession.get()).count();
  }

  private OutputPaths paths(SweepSpec spec) throws IOException {
    return OutputPaths.of(spec.output(), new Configuration());
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".gradgrid-lock"))
          .sorted()
          .toList();
    }
  }

  /** Opens and closes a run without writing: what the next run does first (recovery). */
  private void nextRun(SweepSpec spec) throws IOException {
    try (OutputCommit c = OutputCommit.open(paths(spec), WriteMode.OVERWRITE, "{}", 1)) {
      assertFalse(c.finished());
    }
  }

  @Test
  void killedAfterTheManifestReadersSeeTheOldOutputAndTheNextRunPublishesTheNew() throws Exception {
    SweepSpec spec = oldAndStagedNew("20260101T000000Z-00000001");
    assertEquals(101, readRows(spec), "the reader sees the old output");
    nextRun(spec);
    assertEquals(201, readRows(spec), "the next run finished the publish");
    assertEquals(List.of("r"), siblings());
  }

  @Test
  void killedBetweenTheRenamesReadersSeeTheNewOutput() throws Exception {
    String id = "20260101T000000Z-00000002";
    SweepSpec spec = oldAndStagedNew(id);
    Files.move(dir.resolve("out/r"), dir.resolve("out/.r.gradgrid-old-" + id));
    assertEquals(201, readRows(spec), "the reader finds the published run beside the output");
    nextRun(spec);
    assertEquals(201, readRows(spec));
    assertEquals(List.of("r"), siblings());
  }

  @Test
  void killedWhileDeletingTheOldOutputReadersSeeTheNewOne() throws Exception {
    String id = "20260101T000000Z-00000003";
    SweepSpec spec = oldAndStagedNew(id);
    Path aside = dir.resolve("out/.r.gradgrid-old-" + id);
    Files.move(dir.resolve("out/r"), aside);
    Files.move(dir.resolve("out/.r.gradgrid-run-" + id), dir.resolve("out/r"));
    try (Stream<Path> parts = Files.list(aside)) {
      Files.delete(parts.filter(p -> p.toString().endsWith(".parquet")).findFirst().get());
    }
    assertEquals(201, readRows(spec));
    nextRun(spec);
    assertEquals(201, readRows(spec));
    assertEquals(List.of("r"), siblings());
  }

  @Test
  void aSecondRunIntoTheSameOutputIsRefusedWhileTheFirstHoldsTheLock() throws Exception {
    SweepSpec spec = SmallSweeps.spec(dir, conf("out/r", 11, "overwrite"));
    try (OutputCommit first = OutputCommit.open(paths(spec), WriteMode.OVERWRITE, "{}", 11)) {
      ConfException e =
          assertThrows(
              ConfException.class,
              () -> OutputCommit.open(paths(spec), WriteMode.OVERWRITE, "{}", 11));
      assertTrue(e.getMessage().contains("another gradgrid run is writing"), e.getMessage());
      assertTrue(e.getMessage().contains("run " + first.runId()), e.getMessage());
      ConfException pre = assertThrows(ConfException.class, () -> OutputGuard.check(spec));
      assertTrue(pre.getMessage().contains("another gradgrid run"), pre.getMessage());
    }
    OutputGuard.check(spec);
  }

  @Test
  void aStrangersDirectoryWithCopiedGradgridFilesIsNeverReplaced() throws Exception {
    SmallSweeps.run(dir, conf("out/ours", 11, "error"));
    Path stranger = Files.createDirectories(dir.resolve("out/stranger"));
    Files.createDirectories(stranger.resolve(".git"));
    Files.writeString(stranger.resolve("notes.txt"), "keep me");
    Files.createDirectories(stranger.resolve("_gradgrid_in_progress"));
    for (String name : List.of(MetaFile.path(MetaFile.SUMMARY), Manifest.FILE_NAME)) {
      Files.createDirectories(stranger.resolve(name).getParent());
      Files.copy(dir.resolve("out/ours").resolve(name), stranger.resolve(name));
      Map<String, Long> before = DirListing.of(stranger);
      SweepSpec over = SmallSweeps.spec(dir, conf("out/stranger", 11, "overwrite"));
      ConfException e = assertThrows(ConfException.class, () -> OutputGuard.check(over));
      assertTrue(e.getMessage().contains("nothing was deleted"), e.getMessage());
      // Under the lock too (the check a remote output gets).
      assertThrows(
          ConfException.class,
          () -> OutputCommit.open(paths(over), WriteMode.OVERWRITE, over.confJson(), 11).close());
      assertEquals(before, DirListing.of(stranger), "untouched after copying " + name);
    }
  }

  @Test
  void anUnwritableParentIsRefusedBeforeAnythingIsDeleted() throws Exception {
    SweepSpec spec = SmallSweeps.run(dir, conf("locked/r", 11, "error"));
    Path parent = dir.resolve("locked");
    Map<String, Long> before = DirListing.of(parent.resolve("r"));
    boolean immutable = DirListing.succeeds("chattr", "+i", parent.toString());
    assumeTrue(
        immutable || parent.toFile().setWritable(false),
        "cannot make " + parent + " unwritable here (chattr +i and chmod both failed)");
    try {
      assumeTrue(!Files.isWritable(parent), "running as a user whose writes ignore permissions");
      SweepSpec over = SmallSweeps.spec(dir, conf("locked/r", 11, "overwrite"));
      ConfException e = assertThrows(ConfException.class, () -> OutputGuard.check(over));
      assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
      assertEquals(before, DirListing.of(parent.resolve("r")));
      assertEquals(11, readRows(spec));
    } finally {
      if (immutable) {
        DirListing.succeeds("chattr", "-i", parent.toString());
      }
      parent.toFile().setWritable(true);
    }
  }

  @Test
  void resumeOfAFinishedOutputOfTheSameConfDoesNothing() throws Exception {
    SweepSpec spec = SmallSweeps.run(dir, conf("out/r", 11, "error"));
    Path manifest = dir.resolve("out/r").resolve(Manifest.FILE_NAME);
    byte[] before = Files.readAllBytes(manifest);
    SweepSpec resume = SmallSweeps.spec(dir, conf("out/r", 11, "resume"));
    try (OutputCommit c =
        OutputCommit.open(paths(resume), WriteMode.RESUME, resume.confJson(), 11)) {
      assertTrue(c.finished());
    }
    assertArrayEquals(before, Files.readAllBytes(manifest));
    SweepSpec other = SmallSweeps.spec(dir, conf("out/r", 12, "resume"));
    ConfException e = assertThrows(ConfException.class, () -> OutputGuard.check(other));
    assertTrue(e.getMessage().contains("not a finished output of this conf"), e.getMessage());
    assertEquals(11, readRows(spec));
  }

  /**
   * What a run killed inside a chunk's Spark job leaves in its staging directory: task outputs
   * under Spark's {@code _temporary}, and, with Hadoop's version 2 committer (which moves each
   * task's files into place at task commit), part files that no chunk of the journal lists. The
   * resumed run deletes both before it writes, so its output holds exactly the grid's rows, the
   * same as a run that was never killed.
   */
  @Test
  void taskOutputsOfAKilledChunkNeverReachTheResumedOutput() throws Exception {
    SweepSpec spec = SmallSweeps.spec(dir, conf("out/r", 11, "resume"));
    Path stray = dir.resolve("stray");
    SparkTestSession.get().range(5).coalesce(1).write().parquet(stray.toString());
    Path part;
    try (Stream<Path> files = Files.list(stray)) {
      part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().get();
    }
    Path staging;
    try (OutputCommit run = OutputCommit.open(paths(spec), WriteMode.RESUME, spec.confJson(), 11)) {
      // one chunk of no rows committed (the statistics of x and f): the run is resumable
      run.commit(List.of(), new ColumnStats(2).toMap());
      staging = Path.of(paths(spec).staging(run.runId()).toUri());
    }
    Path attempt = staging.resolve("_temporary/0/_temporary/attempt_202612070000_0001_m_000000_0");
    Files.createDirectories(attempt);
    Files.copy(part, attempt.resolve("part-00000-killed.zstd.parquet"));
    Files.copy(part, staging.resolve("part-00042-killed.zstd.parquet"));
    SmallSweeps.run(dir, conf("out/r", 11, "resume"));
    SweepSpec fresh = SmallSweeps.run(dir, conf("out/fresh", 11, "error"));
    assertEquals(11, readRows(spec), "the grid's rows, none of the killed tasks'");
    try (Stream<Path> files = Files.walk(dir.resolve("out/r"))) {
      assertEquals(
          List.of(),
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.contains("killed") || n.equals("_temporary"))
              .toList());
    }
    assertEquals(
        SparkTestSession.get().read().parquet(fresh.output()).orderBy("x").collectAsList(),
        SparkTestSession.get().read().parquet(spec.output()).orderBy("x").collectAsList());
  }

  /** The local file system, counting the listings of each directory and the opens of each file. */
  private static final class CountingFs extends FilterFileSystem {
    final Map<String, Integer> listings = new HashMap<>();
    final Map<String, Integer> opens = new HashMap<>();

    CountingFs() throws IOException {
      super(FileSystem.getLocal(new Configuration()));
    }

    @Override
    public String getScheme() {
      return "file";
    }

    @Override
    public FileStatus[] listStatus(org.apache.hadoop.fs.Path p) throws IOException {
      listings.merge(p.toUri().getPath(), 1, Integer::sum);
      return super.listStatus(p);
    }

    @Override
    public FSDataInputStream open(org.apache.hadoop.fs.Path p, int bufferSize) throws IOException {
      opens.merge(p.toUri().getPath(), 1, Integer::sum);
      return super.open(p, bufferSize);
    }
  }

  @Test
  void openListsTheParentOnceAndReadsEachJournalOnce() throws Exception {
    String id = "20260101T000000Z-00000004";
    SweepSpec spec = oldAndStagedNew(id);
    CountingFs fs = new CountingFs();
    Path out = dir.resolve("out");
    // Beside the old output and the finished staged run: a run that committed one (empty) chunk
    // of another conf, and a run that committed nothing.
    org.apache.hadoop.fs.Path unfinished =
        new org.apache.hadoop.fs.Path(
            out.resolve(".r.gradgrid-run-20250101T000000Z-0000000a").toString());
    org.apache.hadoop.fs.Path nothing =
        new org.apache.hadoop.fs.Path(
            out.resolve(".r.gradgrid-run-20250101T000000Z-0000000b").toString());
    RunJournal.start(fs, unfinished, "20250101T000000Z-0000000a", "another conf", 0, null);
    RunJournal.append(fs, unfinished, 1, new Chunk(List.of(), List.of(), Map.of()));
    RunJournal.start(fs, nothing, "20250101T000000Z-0000000b", "another conf", 0, null);
    fs.listings.clear();
    fs.opens.clear();
    OutputPaths paths =
        new OutputPaths(
            fs, fs.makeQualified(new org.apache.hadoop.fs.Path(out.resolve("r").toString())));
    try (OutputCommit c = OutputCommit.open(paths, WriteMode.OVERWRITE, "{}", 1)) {
      assertFalse(c.finished(), "the recovered output is another conf's: this run writes anew");
      assertEquals(1, fs.listings.get(out.toString()), "listings of the parent: " + fs.listings);
      String journal = RunJournal.dir(unfinished).toUri().getPath();
      assertEquals(1, fs.opens.get(journal + "/" + RunJournal.RUN), "opens: " + fs.opens);
      assertEquals(1, fs.listings.get(journal), "listings: " + fs.listings);
    }
    assertEquals(201, readRows(spec), "the staged run was published");
    assertEquals(List.of("r"), siblings(), "the unfinished and the empty run were discarded");
  }
}
