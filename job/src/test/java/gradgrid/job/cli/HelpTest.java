package gradgrid.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh --help}, {@code <command> --help} and {@code --version}: exit 0 with the text
 * on stdout and nothing on stderr; a bad command line still exits 2 with the usage on stderr.
 */
class HelpTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private Run submit(String... args) throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("gradgrid.project.root", "..")).toRealPath();
    List<String> cmd = new ArrayList<>(List.of(root.resolve("submit.sh").toString()));
    cmd.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p =
        new ProcessBuilder(cmd)
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", args));
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpForTheToolAndEachCommandIsUsageOnStdoutAndExit0() throws Exception {
    String[][] cases = {
      {"--help"},
      {"-h"},
      {"sql", "--help"},
      {"plot", "-h"},
      {"extrema", "--help"},
      {"summary", "--help"},
      {"cluster", "--help"},
      {"connect", "--help"},
      {"history", "-h"}
    };
    for (String[] args : cases) {
      Run r = submit(args);
      String what = String.join(" ", args);
      assertEquals(0, r.code(), what + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: ./submit.sh"), what + ": " + r.out());
      assertEquals("", r.err(), what);
    }
    assertTrue(submit("sql", "--help").out().contains("seed_live"));
  }

  @Test
  void versionNamesGradgridAndSpark() throws Exception {
    Run r = submit("--version");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("gradgrid \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out());
    assertTrue(lines.get(1).matches("Spark 4\\.\\d+\\.\\d+ \\(Scala 2\\.13\\)"), r.out());
  }

  @Test
  void aBadCommandLineIsStillUsageOnStderrAndExit2() throws Exception {
    Run r = submit();
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("Usage: ./submit.sh"), r.err());
  }
}
