package gradgrid.job.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private, temporary {@code spark.sql.warehouse.dir} under {@code java.io.tmpdir}, removed when
 * the JVM exits. gradgrid only uses temporary views, but Spark creates its warehouse directory (by
 * default {@code spark-warehouse/} in the working directory) as soon as the catalog starts.
 */
final class ScratchWarehouse {
  private static Path dir;

  private ScratchWarehouse() {}

  /**
   * The directory, created on first use; one per JVM.
   *
   * @return an empty directory that is deleted at exit
   */
  static synchronized Path get() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("gradgrid-warehouse-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a scratch Spark warehouse directory", e);
      }
      Path d = dir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
    }
    return dir;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // at exit nobody is left to tell; the directory is under java.io.tmpdir
    }
  }
}
