package gradgrid.job.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reading a conf file: HOCON parsed with its includes and resolved, every failure a {@link
 * ConfException} that does not quote an included file (see {@link IncludeCheck}).
 */
final class ConfFile {
  private ConfFile() {}

  /**
   * Parses and resolves a conf file.
   *
   * @param file the conf file
   * @return the resolved conf
   * @throws ConfException if the file or a file it includes is missing, unreadable or malformed
   */
  static Config read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfException("conf file not found: " + file);
    }
    try {
      return ConfigFactory.parseFile(
              file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
          .resolve();
    } catch (ConfigException e) {
      throw new IncludeCheck(file).readError(e);
    }
  }

  /**
   * Refuses a top-level key that an included file brings in and that is not in {@code known},
   * without naming it.
   *
   * @param file the conf file
   * @param config the conf read from it
   * @param known the top-level keys a conf may have
   */
  static void checkIncludedKeys(Path file, Config config, Set<String> known) {
    new IncludeCheck(file).checkTopKeys(config.root(), known);
  }

  /**
   * The conf's name: its file name without {@code .conf}, as in the default {@code out/<name>}.
   *
   * @param file the conf file
   * @return the name
   */
  static String name(Path file) {
    return file.getFileName().toString().replaceFirst("\\.conf$", "");
  }
}
