package gradgrid.job.store;

import gradgrid.job.conf.ConfException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;

/**
 * The exclusive lock a run holds on its output from start to end, so a second run into the same
 * output fails at once instead of mixing its files with the first's.
 *
 * <p>On a local file system it is an operating-system lock ({@code fcntl}) on the lock file: the
 * kernel releases it when the process ends, however it ends, so a killed run never leaves a stale
 * lock; the file itself stays (deleting a lock file races with the next run that opens it). On
 * other file systems it is the lock file's atomic creation, deleted when the run ends; a run killed
 * there leaves it, and the message names it.
 */
final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final OutputPaths paths;

  private RunLock(FileChannel channel, OutputPaths paths) {
    this.channel = channel;
    this.paths = paths;
  }

  /**
   * Takes the lock or refuses at once.
   *
   * @param paths the output
   * @param runId this run (recorded in the lock file for the message another run shows)
   * @return the held lock
   * @throws ConfException if another run holds it
   * @throws IOException if the lock file cannot be created
   */
  static RunLock acquire(OutputPaths paths, String runId) throws IOException {
    String holder =
        "run "
            + runId
            + ", pid "
            + ProcessHandle.current().pid()
            + ", started "
            + Instant.now()
            + "\n";
    Path lock = paths.lockFile();
    paths.fs().mkdirs(lock.getParent());
    if ("file".equals(paths.fs().getScheme())) {
      File file = new File(lock.toUri().getPath());
      FileChannel ch =
          FileChannel.open(file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held = tryLock(ch);
      if (held == null) {
        ch.close();
        String who = Files.readString(file.toPath(), StandardCharsets.UTF_8).strip();
        throw busy(paths, who.isEmpty() ? "lock " + file : who, "");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
      return new RunLock(ch, paths);
    }
    try (OutputStream out = paths.fs().create(lock, false)) {
      out.write(holder.getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      throw busy(
          paths,
          "see " + lock,
          "; if no run is active (a run killed on this file system leaves the lock), delete "
              + lock);
    }
    return new RunLock(null, paths);
  }

  /**
   * Refuses at once if a live run holds the lock, without creating anything: the check before Spark
   * starts. Only local locks can be tested this way; elsewhere {@link #acquire} decides.
   *
   * @param paths the output
   * @throws ConfException if another run holds the lock
   * @throws IOException if the lock file cannot be opened
   */
  static void requireFree(OutputPaths paths) throws IOException {
    File file = new File(paths.lockFile().toUri().getPath());
    if (!"file".equals(paths.fs().getScheme()) || !file.isFile()) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.WRITE)) {
      FileLock held = tryLock(ch);
      if (held == null) {
        String who = Files.readString(file.toPath(), StandardCharsets.UTF_8).strip();
        throw busy(paths, who.isEmpty() ? "lock " + file : who, "");
      }
      held.release();
    }
  }

  /** The lock, or null if another process (or this JVM) holds it. */
  private static FileLock tryLock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static ConfException busy(OutputPaths paths, String holder, String hint) {
    return new ConfException(
        "output.dir: another gradgrid run is writing "
            + OutputPaths.display(paths.dir())
            + " ("
            + holder
            + "); nothing was written. Wait for it to finish, or stop it"
            + hint);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    } else {
      paths.fs().delete(paths.lockFile(), false);
    }
  }
}
