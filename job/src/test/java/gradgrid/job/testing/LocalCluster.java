package gradgrid.job.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code submit.sh} the way users do, with the build under test: the app classes packed into
 * jars, free ports, a private cluster directory. {@link #stop} stops every daemon by its recorded
 * PID, even when {@code submit.sh cluster stop} fails.
 */
public final class LocalCluster {
  /** Small runs on two cores start far quicker with C1 only and the serial collector. */
  public static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private final Path root;
  private final Path tmp;
  private final Path clusterDir;
  private final Map<String, String> env;

  /**
   * Prepares the environment; starts nothing.
   *
   * @param tmp a private temporary directory
   * @param workers the number of Workers {@code cluster start} launches
   * @throws IOException if packing the jars fails
   */
  public LocalCluster(Path tmp, int workers) throws IOException {
    this.root = Path.of(System.getProperty("gradgrid.project.root", "..")).toRealPath();
    this.tmp = tmp;
    this.clusterDir = tmp.resolve("cluster");
    this.env = environment(workers);
  }

  /**
   * The master URL of the cluster.
   *
   * @return spark://127.0.0.1:port
   */
  public String master() {
    return "spark://127.0.0.1:" + env.get("GRADGRID_MASTER_PORT");
  }

  /**
   * The cluster's state directory (PID files, logs, work dirs {@code work/worker}, {@code
   * work/worker-2}, ...).
   *
   * @return the directory
   */
  public Path dir() {
    return clusterDir;
  }

  /**
   * Starts {@code submit.sh args...} without waiting.
   *
   * @param log where its output goes
   * @param args the arguments
   * @return the process
   * @throws IOException if it cannot start
   */
  public Process start(Path log, String... args) throws IOException {
    return start(log, Map.of(), args);
  }

  /**
   * Starts {@code submit.sh args...} with more environment variables, without waiting.
   *
   * @param log where its output goes
   * @param extraEnv variables set on top of the cluster's (SPARK_CONF_DIR, say)
   * @param args the arguments
   * @return the process
   * @throws IOException if it cannot start
   */
  public Process start(Path log, Map<String, String> extraEnv, String... args) throws IOException {
    ProcessBuilder pb = command(args);
    pb.environment().putAll(extraEnv);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  /**
   * Runs {@code submit.sh args...} with more environment variables to its end and fails the test
   * unless it exits 0 within {@code seconds} (a process still running then is killed).
   *
   * @param log where its output goes
   * @param extraEnv variables set on top of the cluster's
   * @param seconds how long it may take
   * @param args the arguments
   * @return its output (stdout and stderr)
   * @throws Exception if it cannot start or the wait is interrupted
   */
  public String runOk(Path log, Map<String, String> extraEnv, long seconds, String... args)
      throws Exception {
    Process p = start(log, extraEnv, args);
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

  /**
   * {@code submit.sh args...} with this environment, in the project directory, not started (the
   * caller sets its redirections).
   *
   * @param args the arguments
   * @return the process builder
   */
  public ProcessBuilder command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(root.resolve("submit.sh").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("SPARK_CONF_DIR");
    return pb;
  }

  /**
   * Runs {@code submit.sh args...} and fails the test unless it exits 0 in time.
   *
   * @param log where its output goes
   * @param seconds the time limit
   * @param args the arguments
   * @return its output
   * @throws IOException if it cannot start
   * @throws InterruptedException if interrupted
   */
  public String run(Path log, int seconds, String... args)
      throws IOException, InterruptedException {
    Process p = start(log, args);
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

  /**
   * {@code submit.sh cluster stop}; then makes sure every recorded PID is gone, whatever happened.
   *
   * @throws Exception if stopping fails
   */
  public void stop() throws Exception {
    try {
      run(tmp.resolve("stop.log"), 60, "cluster", "stop");
    } finally {
      if (Files.isDirectory(clusterDir)) {
        try (var files = Files.list(clusterDir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
            long pid = Long.parseLong(Files.readAllLines(f).get(0).trim()); // line 1: the PID
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
      }
      // The Worker's jars/ are symlinks into ~/.m2: remove the links so @TempDir stays quiet.
      Path jars = clusterDir.resolve("spark-home/jars");
      if (Files.isDirectory(jars)) {
        try (var links = Files.list(jars)) {
          for (Path link : links.toList()) {
            Files.deleteIfExists(link);
          }
        }
      }
    }
  }

  /** The submit.sh environment: free ports, a private cluster dir, the build under test. */
  private Map<String, String> environment(int workers) throws IOException {
    List<String> launch = new ArrayList<>();
    Path appJar = null;
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e).toAbsolutePath().normalize();
      launch.add(p.toString());
      if (p.endsWith(Path.of("job", "target", "classes"))) {
        appJar = Jars.pack(p, tmp.resolve("job-under-test.jar"));
      }
    }
    // The app's runtime dependencies (ad-kernel and what it needs), as submit.sh ships them.
    List<String> appJars = new ArrayList<>();
    String listed = Files.readString(Path.of(System.getProperty("gradgrid.app.classpath"))).trim();
    int n = 0;
    for (String e : listed.split(File.pathSeparator)) {
      Path p = Path.of(e);
      appJars.add(
          Files.isDirectory(p) ? Jars.pack(p, tmp.resolve("dep-" + n++ + ".jar")).toString() : e);
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
        Map.entry("GRADGRID_LOG_DIR", clusterDir.resolve("logs").toString()),
        Map.entry("GRADGRID_MASTER_PORT", Integer.toString(freePort())),
        Map.entry("GRADGRID_MASTER_UI_PORT", Integer.toString(freePort())),
        Map.entry("GRADGRID_WORKER_UI_PORT", Integer.toString(freePort())),
        Map.entry("GRADGRID_WORKERS", Integer.toString(workers)),
        Map.entry("GRADGRID_WORKER_CORES", workers == 1 ? "2" : "1"),
        Map.entry("GRADGRID_WORKER_MEMORY", "1g"));
  }

  /**
   * A port free on the loopback address (found by binding 127.0.0.1 only).
   *
   * @return the port
   * @throws IOException if no port can be bound
   */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
