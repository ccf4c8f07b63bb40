package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.testing.SparkTestSession;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar {@code target/gradgrid-<version>.jar} (run by failsafe after {@code package})
 * is submitted the plain way, {@code SparkSubmit --master local[1] gradgrid.jar conf}, with no
 * {@code --jars} and only Spark's jars on the JVM's classpath, as on a cluster.
 */
class ShadedJarIT {
  /** The app's dependencies that no Spark distribution ships: only the jar may bring them. */
  private static final List<String> NOT_SPARK =
      List.of("/org/jblas/", "/com/typesafe/config/", "/org/jfree/");

  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theJarAloneRunsASweepOnSparksClasspath() throws Exception {
    Path jar = Path.of(System.getProperty("gradgrid.app.jar"));
    try (JarFile j = new JarFile(jar.toFile())) {
      assertEquals(
          "gradgrid.job.cli.SweepMain", j.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(j.getEntry("gradgrid/ad/ir/AdException.class") != null, "ad-kernel inside");
      assertTrue(j.getEntry("gradgrid/shaded/com/typesafe/config/Config.class") != null);
      assertTrue(j.getEntry("gradgrid/shaded/org/codehaus/janino/SimpleCompiler.class") != null);
      for (String absent :
          List.of(
              "org/apache/spark/",
              "scala/",
              "org/apache/hadoop/",
              "com/typesafe/config/",
              "org/codehaus/janino/",
              "com/fasterxml/jackson/")) {
        assertFalse(
            j.stream().anyMatch(e -> e.getName().startsWith(absent)), absent + " is in the jar");
      }
      assertFalse(
          j.stream().anyMatch(e -> e.getName().matches("META-INF/[^/]*\\.(SF|RSA|DSA|EC)")));
      String sources =
          new String(
              j.getInputStream(
                      j.getEntry(
                          "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertTrue(sources.contains("gradgrid.job.source.GradgridSource"), sources);
    }

    Path root = Path.of(System.getProperty("gradgrid.project.root")).toRealPath();
    String sparkOnly =
        Arrays.stream(
                Files.readString(Path.of(System.getProperty("gradgrid.launch.classpath")))
                    .trim()
                    .split(File.pathSeparator))
            .filter(e -> !Path.of(e).toAbsolutePath().normalize().startsWith(root))
            .filter(e -> NOT_SPARK.stream().noneMatch(e::contains))
            .collect(Collectors.joining(File.pathSeparator));
    Path out = tmp.resolve("out");
    Path conf =
        Files.writeString(
            tmp.resolve("plain.conf"),
            "function { builtin = rational, deg-p = 3, deg-q = 2 }\n"
                + "inputs { x { from = -1, to = 1, points = 201 },"
                + " alpha = [0.5, -1.2, 0.3, 0.1], beta = [0.3, -0.6, 0.1] }\n"
                + "outputs = [f, \"f'\", \"grad(alpha)\"]\noutput.dir = \""
                + out
                + "\"\n");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("gradgrid.java17.opts").trim().split("\\s+")));
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1g", "-cp", sparkOnly));
    cmd.addAll(
        List.of(
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "local[1]",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.driver.host=127.0.0.1",
            jar.toString(),
            conf.toString()));
    Path log = tmp.resolve("submit.log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = p.waitFor(100, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, "SparkSubmit did not finish:\n" + text);
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("wrote 201 rows"), text);
    var df = SparkTestSession.get().read().parquet(out.toString());
    assertEquals(201, df.count());
    assertEquals(201, df.select("x").distinct().count());
    assertEquals(0, df.filter("f IS NULL OR df_dx IS NULL OR size(grad_alpha) <> 4").count());
  }
}
