package gradgrid.job;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import gradgrid.ad.testing.RationalClosedForm;
import gradgrid.job.cli.SweepMain;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.store.MetaFile;
import gradgrid.job.testing.LocalCluster;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster, shared by the tests of this class: {@code GRADGRID_WORKERS=2
 * ./submit.sh cluster start} runs a Master and two Workers (one core each) on 127.0.0.1 (free
 * ports), sweeps are submitted with {@code ./submit.sh --master spark://...} through SparkSubmit
 * exactly as users do (the build under test replaces the packaged jar), and {@code ./submit.sh
 * cluster stop} stops every daemon by PID after the last test, even on failure.
 *
 * <p>Fault tolerance and determinism: the executor JVM of the second Worker is killed (SIGKILL, by
 * PID) while it runs tasks. The job must finish with every grid row exactly once, and its values
 * must equal, bit for bit and row by row, those of the same conf run undisturbed in local[1]
 * (through {@code submit.sh}) and in local[2] (in this JVM), each with another partition count and
 * batch size.
 */
class StandaloneClusterTest {
  private static final double[] ALPHA = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};

  /**
   * Rows of the sweep: with the 40-term sum below, a few seconds of work on two cores. The kill is
   * triggered by the executor's own log, not by a timer, so the sweep need not be long.
   */
  private static final int ROWS = 100_000;

  @TempDir static Path tmp;

  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster(tmp, 2);
    try {
      cluster.run(tmp.resolve("start.log"), 90, "cluster", "start");
    } catch (Throwable t) {
      cluster.stop();
      throw t;
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void sweepOnMasterAndWorkers() throws Exception {
    Path out = tmp.resolve("out");
    Path conf = tmp.resolve("cluster.conf");
    Files.writeString(
        conf,
        "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
            + "inputs { x { from = -2, to = 2, points = 2001 },"
            + " alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01],"
            + " beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001] }\n"
            + "outputs = [f, \"f'\", \"grad(alpha)\"]\n"
            + "output.dir = \""
            + out
            + "\"\npartitions = 4\n");
    String log =
        cluster.run(
            tmp.resolve("submit.log"),
            90,
            "--master",
            cluster.master(),
            "--executor-memory",
            "512m",
            "--conf",
            "spark.executor.cores=1",
            "--conf",
            "spark.executor.extraJavaOptions=" + LocalCluster.QUICK_JVM,
            conf.toString());
    assertTrue(log.contains("wrote 2001 rows"), log);
    List<Row> rows =
        SparkTestSession.get()
            .read()
            .parquet(out.toString())
            .orderBy("x")
            .select("x", "f", "df_dx", "grad_alpha")
            .collectAsList();
    assertEquals(2001, rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      assertEquals(-2 + 4.0 * r / 2000, row.getDouble(0), 1e-12, "grid point " + r);
      RationalClosedForm c = new RationalClosedForm(row.getDouble(0), ALPHA, BETA);
      assertClose(c.f(), row.getDouble(1), 1e-12, "f at row " + r);
      assertClose(c.f1(), row.getDouble(2), 1e-11, "f' at row " + r);
      assertClose(c.dAlpha(3), row.<Double>getList(3).get(3), 1e-12, "df/dalpha_3 row " + r);
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void sweepSurvivesAKilledExecutorAndMatchesLocalRuns() throws Exception {
    Path clusterOut = tmp.resolve("standalone");
    Path clusterConf =
        Files.writeString(tmp.resolve("standalone.conf"), conf(clusterOut, 24, 4096));
    Path localOneOut = tmp.resolve("local1");
    Path localOneConf = Files.writeString(tmp.resolve("local1.conf"), conf(localOneOut, 1, 1000));
    long t0 = System.nanoTime();
    Path submitLog = tmp.resolve("loss-submit.log");
    // Executor dirs of earlier applications on worker-2 are not this sweep's.
    List<Path> earlierApps = apps(cluster.dir().resolve("work/worker-2"));
    Process submit =
        cluster.start(
            submitLog,
            "--master",
            cluster.master(),
            "--executor-memory",
            "512m",
            "--conf",
            "spark.executor.cores=1",
            // Schedule only once both executors are up, so the second one surely gets tasks.
            "--conf",
            "spark.cores.max=2",
            "--conf",
            "spark.scheduler.minRegisteredResourcesRatio=1.0",
            "--conf",
            "spark.executor.extraJavaOptions=" + LocalCluster.QUICK_JVM,
            clusterConf.toString());
    long killed = killSecondWorkersExecutorOnceItRunsTasks(cluster.dir(), earlierApps, submit);
    assertTrue(submit.waitFor(120, TimeUnit.SECONDS), "the sweep did not end in time");
    String log = Files.readString(submitLog, StandardCharsets.UTF_8);
    assertEquals(0, submit.exitValue(), log);
    phase("standalone sweep, executor " + killed + " killed", t0);
    assertTrue(log.contains("wrote " + ROWS + " rows"), log);
    assertTrue(
        log.contains("Lost executor") || log.contains("ExecutorLostFailure"),
        "the driver never noticed the killed executor (pid " + killed + "):\n" + log);

    // Undisturbed: local[1] through submit.sh (1 partition), local[2] in this JVM (5 partitions).
    String localOneLog =
        cluster.run(tmp.resolve("local1.log"), 90, "--master", "local[1]", localOneConf.toString());
    assertTrue(localOneLog.contains("wrote " + ROWS + " rows"), localOneLog);
    phase("local[1] sweep", t0);
    Path localTwoOut = tmp.resolve("local2");
    SweepSpec spec =
        new SweepConfLoader(FunctionProviders.load(), tmp)
            .parse(ConfigFactory.parseString(conf(localTwoOut, 5, 777)), "local2");
    SweepToParquet.run(
        SparkTestSession.get(), spec, FunctionProviders.load().evaluator(spec), System.out);

    phase("local[2] sweep", t0);
    SparkSession spark = SparkTestSession.get();
    double[][] standalone = byCoordinate(spark.read().parquet(clusterOut.toString()));
    for (Path other : new Path[] {localOneOut, localTwoOut}) {
      double[][] b = byCoordinate(spark.read().parquet(other.toString()));
      for (int i = 0; i < ROWS; i++) {
        for (int c = 0; c < 3; c++) {
          // Bit for bit (NaN included): the same row computes the same value wherever it runs.
          if (Double.doubleToLongBits(standalone[c][i]) != Double.doubleToLongBits(b[c][i])) {
            fail(
                "row "
                    + i
                    + " column "
                    + c
                    + ": standalone "
                    + standalone[c][i]
                    + " != "
                    + other.getFileName()
                    + " "
                    + b[c][i]);
          }
        }
      }
    }
    phase("compared", t0);
  }

  /**
   * A driver killed (SIGKILL) in the middle of a sweep leaves no output readers accept (the output
   * directory does not exist yet: everything is in the run's staging directory), {@code error} mode
   * refuses to start over it, and {@code resume} computes only the chunks that were not committed:
   * the result is bit-identical to an uninterrupted run. Runs in local[1] through {@code
   * submit.sh}; the cluster is not needed, only the launch environment.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void killedDriverResumesToTheSameOutput() throws Exception {
    Path out = tmp.resolve("killed driver #1");
    String text = conf(out, 24, 4096) + "output.commit-every = 1\n";
    Path conf = Files.writeString(tmp.resolve("killed-driver.conf"), text);
    Process driver =
        cluster.start(tmp.resolve("killed-driver.log"), "--master", "local[1]", conf.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (committedChunks(tmp) < 3 && System.nanoTime() < deadline) {
      assertTrue(driver.isAlive(), "the driver ended before it could be killed");
      Thread.sleep(20);
    }
    driver.destroyForcibly(); // submit.sh execs java, so this is the driver JVM itself
    driver.waitFor();
    int committed = committedChunks(tmp);
    assertTrue(committed >= 3 && committed < 24, "killed after " + committed + " of 24 chunks");
    assertFalse(Files.exists(out), "nothing is published before the run finishes");
    SweepConfLoader loader = new SweepConfLoader(FunctionProviders.load(), tmp);
    SweepSpec spec = loader.parse(ConfigFactory.parseString(text), "killed-driver");
    ConfException refused =
        assertThrows(
            ConfException.class,
            () -> new SweepOutput("killed", spec.output()).read(SparkTestSession.get()));
    assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SweepMain.run(
                new String[] {conf.toString()},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .code();
    assertEquals(2, code, "error mode refuses to start over an unfinished run");
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("output.mode = resume"), err.toString());

    SweepSpec resume =
        loader.parse(ConfigFactory.parseString(text + "output.mode = resume\n"), "killed-driver");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SweepToParquet.run(
        SparkTestSession.get(),
        resume,
        FunctionProviders.load().evaluator(resume),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("resuming run"), log.toString());
    Path reference = tmp.resolve("uninterrupted");
    SweepSpec whole = loader.parse(ConfigFactory.parseString(conf(reference, 5, 777)), "whole");
    SweepToParquet.run(
        SparkTestSession.get(), whole, FunctionProviders.load().evaluator(whole), System.out);
    SparkSession spark = SparkTestSession.get();
    double[][] resumed = byCoordinate(new SweepOutput("resumed", resume.output()).read(spark));
    double[][] ref = byCoordinate(new SweepOutput("whole", whole.output()).read(spark));
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < ROWS; i++) {
        assertEquals(
            Double.doubleToLongBits(ref[c][i]),
            Double.doubleToLongBits(resumed[c][i]),
            "row " + i + " column " + c);
      }
    }
    assertEquals(
        SweepSummary.parse(MetaFile.read(localFs(), hadoop(reference), MetaFile.SUMMARY))
            .column("f"),
        SweepSummary.parse(MetaFile.read(localFs(), hadoop(out), MetaFile.SUMMARY)).column("f"),
        "the resumed run's summary statistics");
  }

  /**
   * Two {@code overwrite} sweeps into one output at the same time, each through {@code submit.sh}:
   * the one that starts second is refused at once (exit 2, naming the first run) without touching
   * anything, and the first publishes exactly its own rows.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void twoSweepsIntoOneOutputAtOnce() throws Exception {
    Path race = Files.createDirectories(tmp.resolve("race"));
    Path out = race.resolve("shared");
    String text = conf(out, 24, 4096) + "output { mode = overwrite, commit-every = 1 }\n";
    Path conf = Files.writeString(race.resolve("race.conf"), text);
    Process first =
        cluster.start(race.resolve("first.log"), "--master", "local[1]", conf.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (committedChunks(race) < 1 && System.nanoTime() < deadline) {
      assertTrue(first.isAlive(), "the first sweep ended before the second started");
      Thread.sleep(20);
    }
    Process late =
        cluster.start(race.resolve("second.log"), "--master", "local[1]", conf.toString());
    assertTrue(late.waitFor(90, TimeUnit.SECONDS), "the second sweep did not end in time");
    String second = Files.readString(race.resolve("second.log"));
    assertEquals(2, late.exitValue(), second);
    assertTrue(second.contains("another gradgrid run is writing"), second);
    assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the first sweep did not end in time");
    assertEquals(0, first.exitValue(), Files.readString(race.resolve("first.log")));
    SweepSpec spec =
        new SweepConfLoader(FunctionProviders.load(), tmp)
            .parse(ConfigFactory.parseString(text), "race");
    Dataset<Row> data = new SweepOutput("race", spec.output()).read(SparkTestSession.get());
    assertEquals(ROWS, data.count());
    assertEquals(ROWS, data.select("x").distinct().count());
  }

  /** Chunks committed by the run staged beside {@code parent}'s outputs. */
  /**
   * {@code --deploy-mode cluster}: the driver runs on a Worker; the conf is shipped with {@code
   * --files} and named by its file name only. submit.sh prints the driver's id and log, waits for
   * it, shows its output and exits 0; the output is complete.
   */
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void clusterDeployModeRunsTheDriverOnAWorkerAndWaits() throws Exception {
    Path out = tmp.resolve("deployed");
    Path conf =
        Files.writeString(
            tmp.resolve("shipped.conf"),
            "function { builtin = rational, deg-p = 2, deg-q = 2 }\n"
                + "inputs { x { from = -1, to = 1, points = 2001 },"
                + " alpha = [0.5, -1.2, 0.3], beta = [0.3, -0.6, 0.1] }\n"
                + "outputs = [f, \"f'\"]\npartitions = 2\noutput.dir = \""
                + out
                + "\"\n");
    String log =
        cluster.run(
            tmp.resolve("deploy-good.log"),
            140,
            clusterMode("--files", conf.toString(), "shipped.conf"));
    assertTrue(log.matches("(?s).*gradgrid: submitted driver driver-[0-9-]+.*"), log);
    assertTrue(log.contains("gradgrid: the driver's log: " + cluster.dir()), log);
    assertTrue(log.contains("wrote 2001 rows"), log);
    assertTrue(log.matches("(?s).*gradgrid: driver driver-[0-9-]+ FINISHED.*"), log);
    assertFalse(log.contains(" INFO "), "the project's log4j2 settings reach the driver:\n" + log);
    Dataset<Row> rows = SparkTestSession.get().read().parquet(out.toString());
    assertEquals(2001, rows.count());
    assertEquals(2001, rows.select("x").distinct().count());
    assertEquals(0, rows.filter("f IS NULL OR df_dx IS NULL").count());
  }

  /**
   * A bad conf given as a {@code file:///} URI in cluster deploy mode: the driver fails on the
   * Worker, and submit.sh prints its error and exits with its code (2, bad input).
   */
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void clusterDeployModeReportsTheDriversFailure() throws Exception {
    Path conf =
        Files.writeString(
            tmp.resolve("bad-deployed.conf"),
            "function { builtin = rational, deg-p = 2, deg-q = 2 }\n"
                + "inputs { x { from = -1, to = 1, points = 11 } }\noutputs = [f]\n"
                + "output.dir = \""
                + tmp.resolve("never")
                + "\"\n");
    Path log = tmp.resolve("deploy-bad.log");
    Process p = cluster.start(log, clusterMode(conf.toUri().toString()));
    assertTrue(p.waitFor(140, TimeUnit.SECONDS), "submit.sh did not end");
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), text);
    assertTrue(text.contains("inputs.alpha: missing"), text);
    assertTrue(text.matches("(?s).*gradgrid: driver driver-[0-9-]+ FAILED.*"), text);
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  private static String[] clusterMode(String... rest) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--master",
                cluster.master(),
                "--deploy-mode",
                "cluster",
                "--driver-memory",
                "512m",
                "--executor-memory",
                "512m",
                "--conf",
                "spark.executor.cores=1",
                "--driver-java-options",
                LocalCluster.QUICK_JVM,
                "--conf",
                "spark.executor.extraJavaOptions=" + LocalCluster.QUICK_JVM));
    args.addAll(List.of(rest));
    return args.toArray(String[]::new);
  }

  private static int committedChunks(Path parent) throws IOException {
    try (Stream<Path> runs = Files.list(parent)) {
      for (Path run :
          runs.filter(p -> p.getFileName().toString().contains(".gradgrid-run-")).toList()) {
        try (Stream<Path> files = Files.list(run.resolve("_gradgrid"))) {
          return (int) files.filter(f -> f.getFileName().toString().startsWith("chunk-")).count();
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    }
    return 0;
  }

  private static org.apache.hadoop.fs.FileSystem localFs() throws IOException {
    return org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  /**
   * The columns x, f, f' indexed by grid row (recovered from x); fails on a missing, duplicate or
   * extra row.
   */
  private static double[][] byCoordinate(Dataset<Row> data) {
    double[][] cols = new double[3][ROWS];
    boolean[] seen = new boolean[ROWS];
    List<Row> rows = data.select("x", "f", "df_dx").collectAsList();
    assertEquals(ROWS, rows.size(), "row count");
    for (Row r : rows) {
      int i = (int) Math.round((r.getDouble(0) + 3) / 6 * (ROWS - 1));
      assertTrue(!seen[i], "duplicate coordinate x = " + r.getDouble(0));
      seen[i] = true;
      for (int c = 0; c < 3; c++) {
        cols[c][i] = r.getDouble(c);
      }
    }
    return cols;
  }

  private static void phase(String what, long t0) {
    System.out.printf(
        Locale.ROOT, "StandaloneClusterTest: %s at %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Waits until the second Worker's executor has started a task (its stderr in the Worker's work
   * dir says "Running task"), then kills that JVM with SIGKILL. The executor is found by its
   * working directory ({@code work/worker-2/app-.../N}) and its main class.
   */
  private static long killSecondWorkersExecutorOnceItRunsTasks(
      Path clusterDir, List<Path> earlierApps, Process submit)
      throws IOException, InterruptedException {
    Path work = clusterDir.resolve("work/worker-2");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!submit.isAlive()) {
        fail("the sweep ended before the executor could be killed");
      }
      Optional<Path> execDir = executorDir(work, earlierApps);
      if (execDir.isPresent() && runsTasks(execDir.get())) {
        Optional<ProcessHandle> exec = executorProcess(execDir.get());
        if (exec.isPresent()) {
          long pid = exec.get().pid();
          exec.get().destroyForcibly();
          exec.get().onExit().join();
          return pid;
        }
      }
      Thread.sleep(100);
    }
    fail("no executor of worker-2 ran a task within 90 s; see " + work);
    return -1;
  }

  private static List<Path> apps(Path work) throws IOException {
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> apps = Files.list(work)) {
      return apps.filter(p -> p.getFileName().toString().startsWith("app-")).toList();
    }
  }

  private static Optional<Path> executorDir(Path work, List<Path> earlierApps) throws IOException {
    for (Path app : apps(work)) {
      if (earlierApps.contains(app)) {
        continue;
      }
      try (Stream<Path> execs = Files.list(app)) {
        Optional<Path> e = execs.filter(Files::isDirectory).findFirst();
        if (e.isPresent()) {
          return e;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean runsTasks(Path execDir) throws IOException {
    Path stderr = execDir.resolve("stderr");
    return Files.exists(stderr)
        && Files.readString(stderr, StandardCharsets.ISO_8859_1).contains("Running task");
  }

  /** The executor JVM whose working directory is {@code execDir} (loopback cluster, /proc). */
  private static Optional<ProcessHandle> executorProcess(Path execDir) throws IOException {
    Path want = execDir.toRealPath();
    return ProcessHandle.allProcesses()
        .filter(
            h -> {
              try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd"));
                String cmd =
                    Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"))
                        .replace('\0', ' ');
                return cwd.equals(want) && cmd.contains("CoarseGrainedExecutorBackend");
              } catch (IOException | SecurityException e) {
                return false;
              }
            })
        .findFirst();
  }

  /** A compute-heavy function with narrow output: sum_k sin(w_k x) exp(-w_k x^2), and f'. */
  private static String conf(Path out, int partitions, int batch) {
    String w =
        IntStream.range(0, 40)
            .mapToObj(k -> String.format(Locale.ROOT, "%.2f", 0.5 + 0.05 * k))
            .collect(Collectors.joining(", "));
    return "function = \"sum(sin(w * x) * exp(-w * x^2))\"\n"
        + "inputs {\n  x { from = -3, to = 3, points = "
        + ROWS
        + " }\n  w = ["
        + w
        + "]\n}\n"
        + "outputs = [f, \"f'\"]\n"
        + "output.dir = \""
        + out
        + "\"\npartitions = "
        + partitions
        + "\nbatch-size = "
        + batch
        + "\n";
  }
}
