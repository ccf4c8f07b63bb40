package gradgrid.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import gradgrid.job.testing.LocalCluster;
import gradgrid.job.testing.SmallSweeps;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching a run: with {@code --conf spark.eventLog.enabled=true} a sweep's event log lands in the
 * default directory and names its job after gradgrid's stage; {@code ./submit.sh history start}
 * serves it on its REST API, and {@code history stop} stops it by PID (killed by PID here too when
 * the test fails).
 */
class WatchingTest {
  private static final String DESCRIPTION = "sweep small: evaluate and write";

  @TempDir Path tmp;

  @Test
  void theEventLogNamesTheStageAndTheHistoryServerListsTheApp() throws Exception {
    Path events = tmp.resolve("events");
    Path conf = tmp.resolve("small.conf");
    Files.writeString(
        conf,
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 101 }\noutputs = [f]\noutput.dir = \""
            + tmp.resolve("out/small")
            + "\"\n");
    int port = LocalCluster.freePort();
    Map<String, String> env =
        Map.of(
            "GRADGRID_EVENT_DIR", events.toString(),
            "GRADGRID_HISTORY_DIR", tmp.resolve("history").toString(),
            "GRADGRID_HISTORY_PORT", Integer.toString(port));
    LocalCluster launch = new LocalCluster(tmp, 1);
    String ran = submit(launch, env, "--conf", "spark.eventLog.enabled=true", conf.toString());
    Matcher m = Pattern.compile("event log of (\\S+) in ").matcher(ran);
    assertTrue(m.find(), ran);
    String app = m.group(1);
    assertTrue(eventLog(events).contains("\"spark.job.description\":\"" + DESCRIPTION + "\""));

    Path pidFile = tmp.resolve("history/history.pid");
    try {
      String started = submit(launch, env, "history", "start");
      assertTrue(started.contains("http://127.0.0.1:" + port), started);
      String apps = get(port, "/api/v1/applications");
      assertTrue(apps.contains("\"id\" : \"" + app + "\""), apps);
      assertTrue(apps.contains("\"name\" : \"gradgrid sweep\""), apps);
      String jobs = get(port, "/api/v1/applications/" + app + "/jobs");
      assertTrue(jobs.contains("\"description\" : \"" + DESCRIPTION + "\""), jobs);
    } finally {
      long pid =
          Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
      // taken before the stop: the handle knows the process's start time, so it never kills a
      // later process that reuses the PID
      java.util.Optional<ProcessHandle> server =
          pid > 0 ? ProcessHandle.of(pid) : java.util.Optional.empty();
      String stopped;
      try {
        stopped = submit(launch, env, "history", "stop");
      } finally {
        server.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
      }
      if (pid > 0) {
        assertTrue(stopped.contains("stopped history (pid " + pid + ")"), stopped);
      }
    }
    assertFalse(Files.exists(pidFile));
    assertEquals("history: not running\n", submit(launch, env, "history", "status"));
  }

  /** Every event file under the directory, decompressed (Spark 4 writes zstd by default). */
  private static String eventLog(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("events_")).toList();
    }
    assertFalse(files.isEmpty(), "no event log in " + dir);
    for (Path f : files) {
      InputStream in = Files.newInputStream(f);
      if (f.toString().endsWith(".zstd")) {
        in = new ZstdInputStream(in);
      }
      try (InputStream i = in) {
        sb.append(new String(i.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  private static String get(int port, String path) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .build();
    // The history server scans the log directory in the background (every 2 s here).
    String body = "";
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      body = r.body();
      if (r.statusCode() == 200 && !body.strip().equals("[ ]")) {
        return body;
      }
      Thread.sleep(1000);
    }
    return body;
  }

  private String submit(LocalCluster launch, Map<String, String> env, String... args)
      throws Exception {
    return launch.runOk(tmp.resolve("submit.log"), env, 180, args);
  }
}
