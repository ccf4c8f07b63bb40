package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit.sh cluster stop|status} treat a recorded PID as theirs only while PID, start time
 * and command line all match what {@code cluster start} recorded; no Spark is started here. The
 * stand-in daemon is {@code sleep} renamed by {@code exec -a}, so its command line names the Worker
 * class (and, where the test wants, this cluster's work dir).
 */
class ClusterPidFileTest {
  private static final String WORKER = "org.apache.spark.deploy.worker.Worker";

  @TempDir Path tmp;

  private Path clusterDir() {
    return tmp.resolve("cluster");
  }

  private String workDirMarker() {
    return "--work-dir " + clusterDir().resolve("work/worker") + " ";
  }

  /** A {@code sleep 300} whose command line is {@code argv0 300}; waits until it has exec'd. */
  private Process impostor(String argv0) throws Exception {
    Process p =
        new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 300", argv0)
            .redirectErrorStream(true)
            .start();
    Path cmdline = Path.of("/proc/" + p.pid() + "/cmdline");
    for (int i = 0; i < 200 && p.isAlive(); i++) {
      if (Files.readString(cmdline, StandardCharsets.ISO_8859_1).startsWith(argv0)) {
        return p;
      }
      Thread.sleep(25);
    }
    p.destroyForcibly();
    throw new AssertionError("the stand-in process never became '" + argv0 + "'");
  }

  /** Field 22 of /proc/PID/stat, counted after the last ')' since field 2 may hold any text. */
  private static String startTime(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
  }

  private void pidFile(String... lines) throws Exception {
    Files.createDirectories(clusterDir());
    Files.writeString(clusterDir().resolve("worker.pid"), String.join("\n", lines) + "\n");
  }

  private String submit(String... args) throws Exception {
    Path root = Path.of(System.getProperty("gradgrid.project.root", "..")).toRealPath();
    String[] cmd = new String[args.length + 1];
    cmd[0] = root.resolve("submit.sh").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
    pb.environment().put("GRADGRID_CLUSTER_DIR", clusterDir().toString());
    pb.environment().put("GRADGRID_SKIP_BUILD", "1");
    File log = tmp.resolve("submit.log").toFile();
    pb.redirectOutput(log);
    Process p = pb.start();
    try {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "submit.sh " + String.join(" ", args));
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), Files.readString(log.toPath()));
    return Files.readString(log.toPath());
  }

  @Test
  void aProcessThatOnlyNamesTheWorkerClassIsNotOurs() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs /proc");
    Process p = impostor(WORKER);
    try {
      // the old format (a bare PID), and the new one with the right start time but a command
      // line without this cluster's work dir
      for (String[] file :
          new String[][] {{"" + p.pid()}, {"" + p.pid(), startTime(p.pid()), workDirMarker()}}) {
        pidFile(file);
        assertTrue(submit("cluster", "status").contains("worker: not running"));
        submit("cluster", "stop");
        assertTrue(p.isAlive(), "cluster stop killed pid " + p.pid() + " for " + file.length);
      }
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aStalePidFileWhosePidWasReusedWithAnotherStartTimeIsNotOurs() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs /proc");
    Process p = impostor(WORKER + " " + workDirMarker());
    try {
      long recorded = Long.parseLong(startTime(p.pid())) - 1;
      pidFile("" + p.pid(), "" + recorded, workDirMarker());
      assertTrue(submit("cluster", "status").contains("worker: not running"));
      submit("cluster", "stop");
      assertTrue(p.isAlive(), "cluster stop killed pid " + p.pid());
      assertFalse(Files.exists(clusterDir().resolve("worker.pid")), "the stale file is removed");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void theRecordedProcessItselfIsStopped() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs /proc");
    Process p = impostor(WORKER + " " + workDirMarker());
    try {
      pidFile("" + p.pid(), startTime(p.pid()), workDirMarker());
      assertTrue(submit("cluster", "status").contains("worker: running (pid " + p.pid() + ")"));
      String stopped = submit("cluster", "stop");
      assertTrue(stopped.contains("stopped worker (pid " + p.pid() + ")"), stopped);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still running: " + p.pid());
    } finally {
      p.destroyForcibly();
    }
  }
}
