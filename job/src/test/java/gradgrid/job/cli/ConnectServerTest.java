package gradgrid.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gradgrid.job.testing.LocalCluster;
import gradgrid.job.testing.SmallSweeps;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh connect start|status|stop}: the server answers the Spark Connect JVM client
 * (run in its own JVM: the client carries its own copy of Spark's SQL API) on a global view and on
 * the {@code gradgrid} data source, and is stopped by its PID even when the test fails.
 */
class ConnectServerTest {
  private static final List<String> CLIENT_SPARK_JARS =
      List.of(
          "spark-common-utils_",
          "spark-common-utils-java_",
          "spark-unsafe_",
          "spark-variant_",
          "spark-sketch_",
          "spark-tags_");

  @TempDir Path tmp;

  @Test
  void aConnectClientQueriesTheViewsAndTheSourceThenTheServerStopsByPid() throws Exception {
    Path confs = Files.createDirectories(tmp.resolve("confs"));
    Path conf = confs.resolve("live.conf");
    Files.writeString(
        conf,
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 2001 }\noutputs = [f]\noutput.dir = \""
            + tmp.resolve("out/live")
            + "\"\n");
    int port = LocalCluster.freePort();
    LocalCluster launch = new LocalCluster(tmp, 1);
    Path state = tmp.resolve("connect");
    try {
      String started = submit(launch, port, state, "connect", "start", "--confs", confs.toString());
      assertTrue(started.contains("sc://127.0.0.1:" + port), started);
      assertTrue(started.contains("global_temp.live_live"), started);
      assertTrue(submit(launch, port, state, "connect", "status").contains("running (pid"));
      String out =
          client(
              "sc://127.0.0.1:" + port,
              "SELECT count(*) AS n FROM global_temp.live_live WHERE x > 0.5",
              conf.toString());
      // x > 0.5: the 500 grid points after 0.5 (step 0.001); x < 0: the 1000 before 0
      assertEquals(
          List.of("session org.apache.spark.sql.connect.SparkSession", "sql 500", "source 1000"),
          out.lines().toList(),
          out);
    } finally {
      long pid = pid(state.resolve("connect.pid"));
      // taken before the stop: the handle knows the process's start time, so it never kills a
      // later process that reuses the PID
      java.util.Optional<ProcessHandle> server =
          pid > 0 ? ProcessHandle.of(pid) : java.util.Optional.empty();
      String stopped;
      try {
        stopped = submit(launch, port, state, "connect", "stop");
      } finally {
        server.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
      }
      if (pid > 0) {
        assertTrue(stopped.contains("stopped connect (pid " + pid + ")"), stopped);
      }
    }
    assertFalse(Files.exists(state.resolve("connect.pid")));
    assertEquals("connect: not running\n", submit(launch, port, state, "connect", "status"));
  }

  /** A bad conf directory: the server's own error, exit 2, and no daemon left behind. */
  @Test
  void aBadConfDirectoryIsExit2WithTheErrorAndNoDaemon() throws Exception {
    LocalCluster launch = new LocalCluster(tmp, 1);
    Path state = tmp.resolve("connect");
    Path log = tmp.resolve("bad.log");
    ProcessBuilder pb =
        launch.command("connect", "start", "--confs", tmp.resolve("missing").toString());
    pb.environment().put("GRADGRID_CONNECT_PORT", Integer.toString(LocalCluster.freePort()));
    pb.environment().put("GRADGRID_CONNECT_DIR", state.toString());
    Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    } finally {
      p.destroyForcibly();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), text);
    assertTrue(text.startsWith("error: conf directory not found: "), text);
    assertFalse(Files.exists(state.resolve("connect.pid")), text);
  }

  /** sql's output options are refused by connect start before anything starts. */
  @Test
  void sqlsRowOptionsAreRefusedBeforeAnythingStarts() throws Exception {
    LocalCluster launch = new LocalCluster(tmp, 1);
    Path state = tmp.resolve("connect");
    for (String option : new String[] {"--max-rows", "--max-rows=5", "--csv"}) {
      Path log = tmp.resolve("option.log");
      ProcessBuilder pb = launch.command("connect", "start", option);
      pb.environment().put("GRADGRID_CONNECT_DIR", state.toString());
      Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(2, p.exitValue(), text);
      assertTrue(
          text.startsWith(
              "error: connect start: " + option.replace("=5", "") + " is an option of sql"),
          text);
      assertFalse(Files.exists(state), text);
    }
  }

  private static long pid(Path pidFile) throws Exception {
    return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
  }

  private String submit(LocalCluster launch, int port, Path state, String... args)
      throws Exception {
    Map<String, String> env =
        Map.of(
            "GRADGRID_CONNECT_PORT", Integer.toString(port),
            "GRADGRID_CONNECT_DIR", state.toString());
    return launch.runOk(tmp.resolve("submit.log"), env, 240, args);
  }

  /** Runs {@link ConnectClientProbe} with the Connect client's classpath; its stdout. */
  private String client(String url, String sql, String conf) throws Exception {
    List<String> cp = new ArrayList<>();
    cp.add(System.getProperty("gradgrid.connect.client"));
    cp.add(System.getProperty("gradgrid.connect.shims"));
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(e).getFileName().toString();
      boolean spark = name.startsWith("spark-");
      if (e.endsWith("test-classes")
          || (e.endsWith(".jar") && !spark && !name.startsWith("ad-kernel"))
          || (spark && CLIENT_SPARK_JARS.stream().anyMatch(name::startsWith))) {
        cp.add(e);
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+Ignore")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", String.join(File.pathSeparator, cp)));
    cmd.addAll(List.of(ConnectClientProbe.class.getName(), url, sql, conf));
    Path out = tmp.resolve("client.out");
    Path err = tmp.resolve("client.err");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean done = p.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    String errors = Files.readString(err, StandardCharsets.UTF_8);
    if (!done || p.exitValue() != 0) {
      fail("the Connect client failed:\n" + text + errors);
    }
    // the server closes the session cleanly (it needs spark-mllib's classes for that)
    assertFalse(errors.contains("Failed to release session"), errors);
    return text;
  }
}
