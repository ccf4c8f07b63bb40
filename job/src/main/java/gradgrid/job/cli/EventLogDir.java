package gradgrid.job.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where event logs go when {@code spark.eventLog.enabled=true} names no {@code spark.eventLog.dir}:
 * {@code GRADGRID_EVENT_DIR}, else {@code events/} beside the run's own log (submit.sh puts that in
 * {@code GRADGRID_LOG_DIR}, {@code logs/} of the project by default), else {@code logs/events} in
 * the working directory. The directory {@code ./submit.sh history start} reads, by the same rule.
 * Spark refuses a missing event log directory, so this one is created.
 */
final class EventLogDir {
  /** The environment variable that names the directory. */
  static final String ENV = "GRADGRID_EVENT_DIR";

  private EventLogDir() {}

  /**
   * The directory, created if missing.
   *
   * @return an existing directory
   */
  static Path get() {
    String given = System.getenv(ENV);
    Path dir;
    if (given != null && !given.isBlank()) {
      dir = Path.of(given);
    } else {
      String log = System.getProperty("gradgrid.log.file");
      Path parent = log == null ? null : Path.of(log).toAbsolutePath().getParent();
      dir = parent != null ? parent.resolve("events") : Path.of("logs", "events");
    }
    try {
      return Files.createDirectories(dir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the event log directory " + dir, e);
    }
  }
}
