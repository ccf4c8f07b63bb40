package gradgrid.job.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Polars, the reader that refuses a directory holding any file of another extension, run from the
 * tests as nodejs-polars: installed by npm into {@code target/polars} on first use, and each query
 * run by {@code node} in a process of its own, stopped by PID if it outlives its timeout. Without
 * node and npm, or without the registry, the test that needs it is skipped with the reason.
 */
final class Polars {
  /** The versions checked by hand too (README): the package and its Linux x64 native library. */
  private static final List<String> PACKAGES =
      List.of("nodejs-polars@0.25.2", "nodejs-polars-linux-x64-gnu@0.25.2");

  private Polars() {}

  /** The directory that holds {@code node_modules/nodejs-polars}, installing it if needed. */
  static Path installed() throws Exception {
    Path prefix = Path.of("target", "polars").toAbsolutePath();
    if (Files.isDirectory(prefix.resolve("node_modules/nodejs-polars-linux-x64-gnu"))) {
      return prefix;
    }
    Files.createDirectories(prefix);
    List<String> cmd = new ArrayList<>(List.of("npm", "install", "--prefix", prefix.toString()));
    cmd.addAll(List.of("--no-audit", "--no-fund", "--no-save", "--loglevel=error"));
    cmd.addAll(PACKAGES);
    Result r;
    try {
      r = exec(cmd, prefix, Map.of(), 600);
    } catch (IOException e) {
      Assumptions.abort("npm is not on the PATH: " + e.getMessage());
      throw e;
    }
    Assumptions.assumeTrue(r.code == 0, () -> "npm could not install nodejs-polars: " + r.output);
    return prefix;
  }

  /**
   * Runs {@code script} (with {@code pl} bound to nodejs-polars and {@code process.env.DIR} the
   * directory) and returns what it printed, stripped.
   */
  static String run(Path prefix, String script, Path dir) throws Exception {
    Result r =
        exec(
            List.of("node", "-e", "const pl = require('nodejs-polars'); " + script),
            prefix,
            Map.of("DIR", dir.toString()),
            120);
    assertEquals(0, r.code, r.output);
    return r.output.strip();
  }

  private record Result(int code, String output) {}

  private static Result exec(List<String> cmd, Path dir, Map<String, String> env, int seconds)
      throws Exception {
    Path log = Files.createTempFile("polars", ".log");
    ProcessBuilder b =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    b.environment().putAll(env);
    Process p = b.start();
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError(String.join(" ", cmd) + " did not finish in " + seconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
      p.waitFor();
      Files.deleteIfExists(log);
    }
  }
}
