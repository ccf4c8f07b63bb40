package gradgrid.job;

import static gradgrid.job.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gradgrid.job.testing.Jars;
import gradgrid.job.testing.RationalClosedForm;
import gradgrid.job.testing.SparkTestSession;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster: {@code ./submit.sh cluster start} runs a Master and a Worker on
 * 127.0.0.1 (free ports), {@code ./submit.sh --master spark://...} submits a sweep through
 * SparkSubmit exactly as users do (the build under test replaces the packaged jar), the rows are
 * checked, and {@code ./submit.sh cluster stop} stops both by PID, even on failure.
 */
class StandaloneClusterTest {
  private static final double[] ALPHA = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};

  /** Small runs on two cores start far quicker with C1 only and the serial collector. */
  private static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  @TempDir Path tmp;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void sweepOnMasterAndWorker() throws Exception {
    Path root = Path.of(System.getProperty("gradgrid.project.root", "..")).toRealPath();
    Path clusterDir = tmp.resolve("cluster");
    Map<String, String> env = environment(root, clusterDir);
    String master = "spark://127.0.0.1:" + env.get("GRADGRID_MASTER_PORT");
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
    try {
      run(root, env, tmp.resolve("start.log"), 90, "cluster", "start");
      String log =
          run(
              root,
              env,
              tmp.resolve("submit.log"),
              90,
              "--master",
              master,
              "--executor-memory",
              "512m",
              "--conf",
              "spark.executor.cores=2",
              "--conf",
              "spark.executor.extraJavaOptions=" + QUICK_JVM,
              conf.toString());
      assertTrue(log.contains("wrote 2001 rows"), log);
    } finally {
      stop(root, env, clusterDir);
    }
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
      assertClose(c.df(), row.getDouble(2), 1e-11, "f' at row " + r);
      assertClose(c.dAlpha(3), row.<Double>getList(3).get(3), 1e-12, "df/dalpha_3 row " + r);
    }
  }

  /** The submit.sh environment: free ports, a private cluster dir, the build under test. */
  private Map<String, String> environment(Path root, Path clusterDir) throws IOException {
    List<String> launch = new ArrayList<>();
    List<String> appJars = new ArrayList<>();
    Path appJar = null;
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e).toAbsolutePath().normalize();
      launch.add(p.toString());
      if (p.endsWith(Path.of("job", "target", "classes"))) {
        appJar = Jars.pack(p, tmp.resolve("job-under-test.jar"));
      } else if (p.startsWith(root.resolve("ad-kernel"))) {
        appJars.add(
            Files.isDirectory(p) ? Jars.pack(p, tmp.resolve("ad-kernel.jar")).toString() : e);
      } else if (p.getFileName().toString().startsWith("config-")) {
        appJars.add(p.toString());
      }
    }
    if (appJar == null) {
      fail("job/target/classes is not on the test classpath: " + launch);
    }
    return Map.ofEntries(
        Map.entry("GRADGRID_JAVA_OPTS", QUICK_JVM),
        Map.entry("GRADGRID_SKIP_BUILD", "1"),
        Map.entry("GRADGRID_APP_JAR", appJar.toString()),
        Map.entry("GRADGRID_APP_JARS", String.join(",", appJars)),
        Map.entry("GRADGRID_LAUNCH_CP", String.join(File.pathSeparator, launch)),
        Map.entry("GRADGRID_CLUSTER_DIR", clusterDir.toString()),
        Map.entry("GRADGRID_MASTER_PORT", Integer.toString(freePort())),
        Map.entry("GRADGRID_MASTER_UI_PORT", Integer.toString(freePort())),
        Map.entry("GRADGRID_WORKER_UI_PORT", Integer.toString(freePort())),
        Map.entry("GRADGRID_WORKER_CORES", "2"),
        Map.entry("GRADGRID_WORKER_MEMORY", "1g"));
  }

  private static String run(
      Path root, Map<String, String> env, Path log, int seconds, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(root.resolve("submit.sh").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    if (!done || p.exitValue() != 0) {
      fail("submit.sh " + String.join(" ", args) + " failed:\n" + text);
    }
    return text;
  }

  /** submit.sh cluster stop; then make sure the recorded PIDs are gone, whatever happened. */
  private void stop(Path root, Map<String, String> env, Path clusterDir) throws Exception {
    try {
      run(root, env, tmp.resolve("stop.log"), 60, "cluster", "stop");
    } finally {
      for (String name : List.of("worker.pid", "master.pid")) {
        Path f = clusterDir.resolve(name);
        if (Files.exists(f)) {
          long pid = Long.parseLong(Files.readString(f).trim());
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
