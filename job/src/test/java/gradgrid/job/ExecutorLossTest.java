package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.testing.LocalCluster;
import gradgrid.job.testing.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tolerance and determinism on a real standalone cluster: a Master and two Workers started by
 * {@code submit.sh cluster start} (GRADGRID_WORKERS=2, one core each), a sweep submitted through
 * {@code submit.sh}, and the executor JVM of the second Worker killed (SIGKILL, by PID) while it
 * runs tasks. The job must finish with every grid row exactly once, and its values must equal, bit
 * for bit and row by row, those of the same conf run undisturbed in local[2] (in this JVM) and in
 * local[1] (through {@code submit.sh}), each with a different partition count and batch size.
 */
class ExecutorLossTest {
  /**
   * Rows of the sweep: with the 40-term sum below, a few seconds of work on two cores. The kill is
   * triggered by the executor's own log, not by a timer, so the sweep need not be long.
   */
  private static final int ROWS = 100_000;

  @TempDir Path tmp;

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

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void sweepSurvivesAKilledExecutorAndMatchesLocalRuns() throws Exception {
    Path clusterOut = tmp.resolve("standalone");
    Path clusterConf =
        Files.writeString(tmp.resolve("standalone.conf"), conf(clusterOut, 24, 4096));
    Path localOneOut = tmp.resolve("local1");
    Path localOneConf = Files.writeString(tmp.resolve("local1.conf"), conf(localOneOut, 1, 1000));
    LocalCluster cluster = new LocalCluster(tmp, 2);
    long t0 = System.nanoTime();
    String log;
    long killed;
    try {
      cluster.run(tmp.resolve("start.log"), 90, "cluster", "start");
      phase("cluster start", t0);
      Path submitLog = tmp.resolve("submit.log");
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
      killed = killSecondWorkersExecutorOnceItRunsTasks(cluster.dir(), submit);
      assertTrue(submit.waitFor(120, TimeUnit.SECONDS), "the sweep did not end in time");
      log = Files.readString(submitLog, StandardCharsets.UTF_8);
      assertEquals(0, submit.exitValue(), log);
      phase("standalone sweep, executor " + killed + " killed", t0);
    } finally {
      cluster.stop();
    }
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
            .parse(
                com.typesafe.config.ConfigFactory.parseString(conf(localTwoOut, 5, 777)), "local2");
    SweepMain.sweep(SparkTestSession.get(), spec, FunctionProviders.load().evaluator(spec));

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
        Locale.ROOT, "ExecutorLossTest: %s at %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Waits until the second Worker's executor has started a task (its stderr in the Worker's work
   * dir says "Running task"), then kills that JVM with SIGKILL. The executor is found by its
   * working directory ({@code work/worker-2/app-.../N}) and its main class.
   */
  private static long killSecondWorkersExecutorOnceItRunsTasks(Path clusterDir, Process submit)
      throws IOException, InterruptedException {
    Path work = clusterDir.resolve("work/worker-2");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!submit.isAlive()) {
        fail("the sweep ended before the executor could be killed");
      }
      Optional<Path> execDir = executorDir(work);
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

  private static Optional<Path> executorDir(Path work) throws IOException {
    if (!Files.isDirectory(work)) {
      return Optional.empty();
    }
    try (Stream<Path> apps = Files.list(work)) {
      for (Path app : apps.filter(p -> p.getFileName().toString().startsWith("app-")).toList()) {
        try (Stream<Path> execs = Files.list(app)) {
          Optional<Path> e = execs.filter(Files::isDirectory).findFirst();
          if (e.isPresent()) {
            return e;
          }
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
}
