package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import gradgrid.job.testing.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit.sh} hands the driver command to Spark's launcher, so spark-submit's options and
 * {@code $SPARK_CONF_DIR/spark-defaults.conf} behave as with a real {@code spark-submit}: one sweep
 * with {@code --driver-memory}, {@code --driver-java-options}, {@code --name}, a defaults file and
 * a {@code --conf} over it, read back from the driver's event log.
 */
class LauncherTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sparkSubmitOptionsAndTheDefaultsFileReachTheDriver() throws Exception {
    Path confDir = Files.createDirectories(tmp.resolve("spark-conf"));
    Files.writeString(
        confDir.resolve("spark-defaults.conf"),
        "spark.gradgrid.test.a   from-defaults\n"
            + "spark.gradgrid.test.b   from-defaults\n"
            // the project's conf/spark-defaults.conf says false: the user's file wins
            + "spark.master.rest.enabled true\n");
    Path events = Files.createDirectories(tmp.resolve("events"));
    Path conf = smallConf("f");
    LocalCluster submit = new LocalCluster(tmp, 1);
    Path log = tmp.resolve("submit.log");
    Process p =
        submit.start(
            log,
            Map.of("SPARK_CONF_DIR", confDir.toString()),
            "--master",
            "local[1]",
            "--driver-memory",
            "700m",
            "--driver-java-options",
            "-Dfoo.bar=1",
            "--name",
            "my-sweep",
            "--conf",
            "spark.gradgrid.test.b=from-cli",
            "--conf",
            "spark.eventLog.enabled=true",
            "--conf",
            "spark.eventLog.dir=" + events.toUri(),
            "--conf",
            "spark.eventLog.compress=false",
            "--conf",
            "spark.eventLog.rolling.enabled=false",
            conf.toString());
    boolean done = p.waitFor(100, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String console = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, "submit.sh did not finish:\n" + console);
    assertEquals(0, p.exitValue(), console);
    assertTrue(console.contains("wrote 101 rows"), console);
    assertFalse(console.contains("incubator"), "Spark's default jdk.incubator.vector is dropped");

    String ev;
    try (Stream<Path> s = Files.list(events)) {
      List<Path> files = s.toList();
      assertEquals(1, files.size(), files.toString());
      ev = Files.readString(files.get(0), StandardCharsets.UTF_8);
    }
    assertTrue(ev.contains("\"App Name\":\"my-sweep\""), "--name");
    assertTrue(ev.contains("\"foo.bar\":\"1\""), "--driver-java-options");
    assertTrue(ev.contains("\"spark.gradgrid.test.a\":\"from-defaults\""), "defaults file");
    assertTrue(ev.contains("\"spark.gradgrid.test.b\":\"from-cli\""), "--conf over the file");
    assertFalse(ev.contains("\"spark.gradgrid.test.b\":\"from-defaults\""));
    assertTrue(ev.contains("\"spark.master.rest.enabled\":\"true\""), "the user's file wins");
    // The storage memory Spark reports is (heap - 300 MiB) * 0.6: 240 MiB for a 700 MiB heap.
    Matcher m = Pattern.compile("\"Maximum Memory\":(\\d+)").matcher(ev);
    assertTrue(m.find(), "no BlockManagerAdded event");
    long mib = Long.parseLong(m.group(1)) >> 20;
    assertTrue(mib >= 220 && mib <= 245, "--driver-memory 700m gave " + mib + " MiB of storage");

    // --driver-java-options added to the project's log4j2 options: Spark's INFO log went to the
    // run's file under GRADGRID_LOG_DIR, not to the console.
    assertFalse(console.contains(" INFO "), console);
    try (Stream<Path> s = Files.list(submit.dir().resolve("logs"))) {
      Path runLog = s.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
      assertTrue(Files.readString(runLog).contains("MemoryStore started"), runLog.toString());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theVectorModuleReachesTheDriverWhenTheUserAsksForSimdKernels() throws Exception {
    Path conf = smallConf("f, \"f'\"");
    String console =
        new LocalCluster(tmp, 1)
            .runOk(
                tmp.resolve("submit.log"),
                Map.of(),
                100,
                "--master",
                "local[1]",
                "--driver-java-options",
                "--add-modules=jdk.incubator.vector -Dgradgrid.jit.simd=true",
                conf.toString());
    assertTrue(console.contains("wrote 101 rows"), console);
    assertTrue(
        console.contains("WARNING: Using incubator modules: jdk.incubator.vector"),
        "the driver JVM has the module:\n" + console);
    assertFalse(console.contains("kernels stay scalar"), console);
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void summaryPrintsAFinishedSweepsSummaryAsJsonOnStdoutAndRefusesAMissingOne() throws Exception {
    Path conf = smallConf("f");
    LocalCluster submit = new LocalCluster(tmp, 1);
    Run missing = run(submit, "summary", "--master", "local[1]", conf.toString());
    assertEquals(2, missing.code(), missing.err());
    assertEquals("", missing.out());
    assertTrue(missing.err().contains("does not exist; run the sweep first"), missing.err());

    submit.runOk(tmp.resolve("sweep.log"), Map.of(), 100, "--master", "local[1]", conf.toString());
    Run r = run(submit, "summary", "--master", "local[1]", conf.toString());
    assertEquals(0, r.code(), r.err());
    Config summary = ConfigFactory.parseString(r.out()); // stdout is the JSON and nothing else
    assertEquals(101, summary.getLong("rows"));
    assertEquals(-1.0, summary.getDouble("columns.x.min"));
    assertEquals(1.0, summary.getDouble("columns.x.max"));
    assertEquals(0, summary.getInt("columns.f.nan"));
    assertEquals(101, summary.getInt("conf.inputs.x.points"));
  }

  private record Run(int code, String out, String err) {}

  /** {@code submit.sh args...} with stdout and stderr apart. */
  private Run run(LocalCluster submit, String... args) throws Exception {
    Path out = tmp.resolve("run.out");
    Path err = tmp.resolve("run.err");
    Process p =
        submit.command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean done = p.waitFor(100, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    assertTrue(done, "submit.sh " + String.join(" ", args) + " did not finish");
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** A 101-point x-sweep of a small rational function with these outputs, written under tmp. */
  private Path smallConf(String outputs) throws Exception {
    return Files.writeString(
        tmp.resolve("small.conf"),
        "function { builtin = rational, deg-p = 2, deg-q = 2 }\n"
            + "inputs { x { from = -1, to = 1, points = 101 },"
            + " alpha = [0.5, -1.2, 0.3], beta = [0.3, -0.6, 0.1] }\n"
            + "outputs = ["
            + outputs
            + "]\noutput.dir = \""
            + tmp.resolve("out")
            + "\"\n");
  }
}
