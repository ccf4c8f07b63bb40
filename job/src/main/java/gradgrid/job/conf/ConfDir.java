package gradgrid.job.conf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of confs ({@code conf/}): the {@code .conf} files in it, in name order, without
 * Spark's own {@value #SPARK_DEFAULTS} that lives beside them. The SQL views and the SQL functions
 * both read a directory of confs this way.
 */
public final class ConfDir {
  /** Spark's defaults file, which a conf directory may hold beside the sweep confs. */
  public static final String SPARK_DEFAULTS = "spark-defaults.conf";

  private ConfDir() {}

  /**
   * The conf files of a directory.
   *
   * @param dir the directory
   * @return its {@code .conf} files but {@value #SPARK_DEFAULTS}, sorted; none if it is not a
   *     directory
   * @throws UncheckedIOException if it cannot be listed
   */
  public static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".conf"))
          .filter(p -> !p.getFileName().toString().equals(SPARK_DEFAULTS))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
