package gradgrid.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a directory holds, to assert that a run left it exactly as it was. */
public final class DirListing {
  private DirListing() {}

  /**
   * Every entry under {@code dir} (recursively, without following links) with its size, -1 for a
   * directory.
   *
   * @param dir the directory
   * @return relative path -> size, sorted
   */
  public static Map<String, Long> of(Path dir) {
    Map<String, Long> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /**
   * Runs a command and tells whether it exited 0 (false if it cannot be started), output discarded:
   * for the privileged set-up steps a test skips without ({@code mount}, {@code chattr}).
   *
   * @param cmd the command and its arguments
   * @return true if it ran and exited 0
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean succeeds(String... cmd) throws InterruptedException {
    try {
      return new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor()
          == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
