package gradgrid.job.store;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.WriteMode;
import gradgrid.job.partitions.IndexRange;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run's write of an output, from lock to publish (the long story is in {@code
 * package-info.java}). Open it before Spark starts: it takes the lock, finishes or clears what an
 * earlier run left, applies the write mode, and gives a staging directory to write into (a new one,
 * or a dead run's when resuming). Each chunk of rows written there is {@linkplain #commit
 * committed} to the run's journal; {@link #publish} writes the manifest and moves the output into
 * place by renames.
 */
public final class OutputCommit implements AutoCloseable {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final OutputPaths paths;
  private final RunLock lock;
  private final String runId;
  private final String confHash;
  private final long rows;
  private final List<Chunk> chunks;
  private final boolean finished;
  private final boolean resumed;
  private boolean published;
  private long footerNanos;

  private OutputCommit(
      OutputPaths paths,
      RunLock lock,
      String runId,
      String confHash,
      long rows,
      List<Chunk> chunks,
      boolean finished) {
    this.paths = paths;
    this.lock = lock;
    this.runId = runId;
    this.confHash = confHash;
    this.rows = rows;
    this.chunks = chunks;
    this.finished = finished;
    this.resumed = !chunks.isEmpty();
  }

  /**
   * Starts (or resumes) a run of an output whose files are not a sweep's Parquet (no codec is
   * recorded or checked).
   *
   * @param paths the output
   * @param mode the write mode
   * @param confJson the resolved conf (its hash identifies what the run computes)
   * @param rows the rows the finished output will hold
   * @return the open run; close it when done, published or not
   * @throws ConfException if another run holds the lock or the mode forbids the run; nothing
   *     written
   * @throws IOException if the file system fails
   */
  public static OutputCommit open(OutputPaths paths, WriteMode mode, String confJson, long rows)
      throws IOException {
    return open(paths, mode, confJson, rows, null);
  }

  /**
   * Starts (or resumes) a run of an output written with a Parquet codec. The codec is recorded in
   * the run's journal; resuming a run that wrote its chunks with another codec is refused, so an
   * output never mixes codecs (the codec may come from the session, not the conf, so the conf hash
   * alone does not tell).
   *
   * @param paths the output
   * @param mode the write mode
   * @param confJson the resolved conf (its hash identifies what the run computes)
   * @param rows the rows the finished output will hold
   * @param codec the Parquet codec this run writes with, or null for none
   * @return the open run; close it when done, published or not
   * @throws ConfException if another run holds the lock, the mode forbids the run, or the run to
   *     resume used another codec; nothing written
   * @throws IOException if the file system fails
   */
  public static OutputCommit open(
      OutputPaths paths, WriteMode mode, String confJson, long rows, String codec)
      throws IOException {
    String hash = ConfHash.of(confJson);
    String runId = newRunId();
    RunLock lock = RunLock.acquire(paths, runId);
    try {
      return openLocked(paths, lock, mode, hash, runId, rows, codec);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static OutputCommit openLocked(
      OutputPaths paths,
      RunLock lock,
      WriteMode mode,
      String hash,
      String runId,
      long rows,
      String codec)
      throws IOException {
    FileSystem fs = paths.fs();
    List<Staging> stagings = recover(paths);
    check(paths, mode, hash, stagings);
    Staging resumable = null;
    for (Staging s : stagings) {
      if (s.committedNothing()) {
        fs.delete(s.dir(), true); // a run that committed nothing: nothing to continue
      } else if (s.unfinished()) {
        if (mode == WriteMode.RESUME && resumable == null && hash.equals(s.confHash())) {
          resumable = s;
        } else {
          fs.delete(s.dir(), true); // overwrite discards it; resume keeps only one run of this conf
        }
      }
    }
    if (resumable == null && mode == WriteMode.RESUME && fs.exists(paths.dir())) {
      return new OutputCommit(paths, lock, runId, hash, rows, List.of(), true);
    }
    if (resumable != null) {
      requireSameCodec(paths, resumable, codec);
      String id = paths.runIdOf(resumable.dir());
      clearDebris(fs, resumable.dir(), resumable.chunks());
      return new OutputCommit(
          paths, lock, id, hash, rows, new ArrayList<>(resumable.chunks()), false);
    }
    Path staging = paths.staging(runId);
    if (!fs.mkdirs(staging)) {
      throw new IOException("cannot create " + staging);
    }
    RunJournal.start(fs, staging, runId, hash, rows, codec);
    return new OutputCommit(paths, lock, runId, hash, rows, new ArrayList<>(), false);
  }

  /** Refuses to resume a run whose chunks were written with another codec than {@code codec}. */
  private static void requireSameCodec(OutputPaths paths, Staging resumable, String codec) {
    String before = resumable.codec();
    if (codec == null || before == null || before.equals(codec)) {
      return;
    }
    throw new ConfException(
        "output.compression: the unfinished run of "
            + OutputPaths.display(paths.dir())
            + " in "
            + OutputPaths.display(resumable.dir())
            + " wrote its Parquet files with "
            + before
            + ", but this run would write "
            + codec
            + "; an output never mixes codecs, nothing was written. Resume with output.compression"
            + " = "
            + before
            + " or set output.mode = overwrite to start again with "
            + codec);
  }

  /**
   * A staging directory as read once: its journal's conf hash and codec, its manifest and its
   * committed chunks.
   *
   * @param dir the staging directory
   * @param confHash the conf hash its journal was started with; null if it is not a run's, or has a
   *     manifest (then the journal is not read)
   * @param codec the Parquet codec its journal records, or null
   * @param manifest its manifest, or null if its run did not finish
   * @param chunks the chunks its journal records (read only for a run without a manifest)
   */
  private record Staging(
      Path dir, String confHash, String codec, Manifest manifest, List<Chunk> chunks) {
    static Staging read(FileSystem fs, Path dir) throws IOException {
      Manifest m = Manifest.read(fs, dir);
      if (m != null) {
        return new Staging(dir, null, null, m, List.of());
      }
      RunJournal.Start start = RunJournal.start(fs, dir);
      return start == null
          ? new Staging(dir, null, null, null, List.of())
          : new Staging(dir, start.confHash(), start.codec(), null, RunJournal.chunks(fs, dir));
    }

    /** A run that committed at least one chunk and wrote no manifest. */
    boolean unfinished() {
      return confHash != null && manifest == null && !chunks.isEmpty();
    }

    /** A run that wrote no manifest and committed nothing. */
    boolean committedNothing() {
      return confHash != null && manifest == null && chunks.isEmpty();
    }
  }

  private static List<Staging> read(FileSystem fs, List<Path> dirs) throws IOException {
    List<Staging> out = new ArrayList<>();
    for (Path d : dirs) {
      out.add(Staging.read(fs, d));
    }
    return out;
  }

  /**
   * The write mode's rules, read-only: {@link OutputGuard} applies them before Spark starts and
   * {@link #open} again under the lock. An unfinished run (a staging directory with committed
   * chunks and no manifest) is continued by {@code resume} (same conf only), discarded by {@code
   * overwrite}, and makes {@code error} refuse; an existing output is refused by {@code error},
   * left alone by {@code resume} when it is this conf's finished output, and replaced by {@code
   * overwrite} only if {@link Ownership} allows; a new output's directory must be creatable and a
   * replaced one's parent writable ({@link Writability}).
   *
   * @param paths the output
   * @param mode the write mode
   * @param hash the conf's {@link ConfHash}, or null when it is not known yet (a {@code from-table}
   *     sweep before its table is read): then only what does not depend on it is checked
   * @throws ConfException if the run may not start; nothing is changed
   * @throws IOException if the file system cannot be read
   */
  static void check(OutputPaths paths, WriteMode mode, String hash) throws IOException {
    check(paths, mode, hash, read(paths.fs(), paths.stagings()));
  }

  private static void check(OutputPaths paths, WriteMode mode, String hash, List<Staging> stagings)
      throws IOException {
    FileSystem fs = paths.fs();
    Path dir = paths.dir();
    boolean resumable = false;
    for (Staging u : stagings) {
      if (!u.unfinished()) {
        continue;
      }
      Path s = u.dir();
      String h = u.confHash();
      if (mode == WriteMode.RESUME && (hash == null || hash.equals(h))) {
        resumable = true;
      } else if (mode != WriteMode.OVERWRITE) {
        throw new ConfException(
            "output.dir: an unfinished run of "
                + OutputPaths.display(dir)
                + " is in "
                + OutputPaths.display(s)
                + (hash == null || hash.equals(h) ? "" : " (started with another conf)")
                + "; nothing was written. Set output.mode = resume to continue it (same conf only)"
                + " or output.mode = overwrite to discard it");
      }
    }
    if (!fs.exists(dir)) {
      Writability.requireCreatable(fs, dir);
      return;
    }
    if (mode == WriteMode.RESUME && !resumable) {
      if (hash == null) {
        return;
      }
      Manifest m = Manifest.read(fs, dir);
      if (m != null && m.confHash().equals(hash) && m.mismatch(fs, dir) == null) {
        return;
      }
    }
    if (mode == WriteMode.ERROR || (mode == WriteMode.RESUME && !resumable)) {
      throw new ConfException(
          "output.dir: "
              + OutputPaths.display(dir)
              + " already exists"
              + (mode == WriteMode.RESUME ? " and is not a finished output of this conf" : "")
              + "; nothing was written. Choose another output.dir, delete it, or set"
              + " output.mode = overwrite");
    }
    Ownership.requireReplaceable(fs, dir);
    Writability.requireReplaceable(fs, dir);
  }

  /** Writes a whole output into a staging directory. */
  @FunctionalInterface
  public interface StagingWriter {
    /**
     * Writes the output's files.
     *
     * @param staging the run's staging directory
     * @throws IOException if writing fails
     */
    void write(Path staging) throws IOException;
  }

  /**
   * A run that writes its output in one piece: open, write into the staging directory, commit it as
   * one chunk of {@code rows} rows (none for files that are not Parquet), publish. What {@code
   * extrema} and {@code plot} write goes through this, under the same lock and ownership rules as a
   * sweep.
   *
   * @param paths the output
   * @param mode the write mode
   * @param confJson the conf the output comes from
   * @param rows the Parquet rows it holds
   * @param writer writes the files
   * @throws ConfException as {@link #open}
   * @throws IOException if the file system fails
   */
  public static void writeWhole(
      OutputPaths paths, WriteMode mode, String confJson, long rows, StagingWriter writer)
      throws IOException {
    writeWhole(paths, mode, confJson, rows, Map.of(), writer);
  }

  /**
   * As {@link #writeWhole(OutputPaths, WriteMode, String, long, StagingWriter)}, adding {@code
   * footer}'s entries to each Parquet file's key-value metadata ({@link FooterStamp}), as a sweep's
   * chunks get them.
   *
   * @param paths the output
   * @param mode the write mode
   * @param confJson the conf the output comes from
   * @param rows the Parquet rows it holds
   * @param footer the key-value entries for every Parquet footer (none: leave the files as written)
   * @param writer writes the files
   * @throws ConfException as {@link #open}
   * @throws IOException if the file system fails
   */
  public static void writeWhole(
      OutputPaths paths,
      WriteMode mode,
      String confJson,
      long rows,
      Map<String, String> footer,
      StagingWriter writer)
      throws IOException {
    try (OutputCommit commit = open(paths, mode, confJson, rows)) {
      writer.write(commit.staging());
      commit.commit(rows == 0 ? List.of() : List.of(new IndexRange(0, rows)), Map.of(), footer);
      commit.publish(null);
    }
  }

  /**
   * Finishes what a killed publish left (under the lock): a staging directory with a manifest is a
   * finished run and is moved into place; an old output moved aside is deleted once the output is
   * in place, or moved back if nothing else is. The parent is listed once, and each staging
   * directory read once.
   *
   * @return the staging directories left beside the output, as read
   */
  private static List<Staging> recover(OutputPaths paths) throws IOException {
    FileSystem fs = paths.fs();
    OutputPaths.Siblings siblings = paths.siblings();
    List<Path> asides = new ArrayList<>(siblings.asides());
    List<Staging> left = new ArrayList<>();
    for (Staging s : read(fs, siblings.stagings())) {
      if (s.manifest() != null && s.manifest().mismatch(fs, s.dir()) == null) {
        String id = paths.runIdOf(s.dir());
        moveIn(paths, s.dir(), id);
        String deleted = paths.aside(id).getName(); // moveIn deleted it
        asides.removeIf(a -> a.getName().equals(deleted));
      } else {
        left.add(s);
      }
    }
    for (int i = asides.size() - 1; i >= 0; i--) {
      Path a = asides.get(i);
      if (Manifest.read(fs, a) == null && fs.listStatus(a).length > 0) {
        continue; // not an output gradgrid moved aside
      }
      if (!fs.exists(paths.dir())) {
        rename(fs, a, paths.dir());
      } else {
        fs.delete(a, true);
      }
    }
    return left;
  }

  /** Deletes everything in a resumed staging directory that its journal does not account for. */
  private static void clearDebris(FileSystem fs, Path staging, List<Chunk> done)
      throws IOException {
    Set<String> keep = new HashSet<>();
    for (Chunk c : done) {
      for (PartFile f : c.files()) {
        keep.add(f.name());
      }
    }
    for (FileStatus s : fs.listStatus(staging)) {
      String n = s.getPath().getName();
      if (!keep.contains(n) && !n.equals(MetaFile.DIR)) {
        fs.delete(s.getPath(), true);
      }
    }
    for (FileStatus s : fs.listStatus(RunJournal.dir(staging))) {
      if (!RunJournal.isJournal(s.getPath().getName())) {
        fs.delete(s.getPath(), true);
      }
    }
  }

  /**
   * Whether the output is already this conf's finished output ({@code resume} of a run that had
   * published): there is nothing to do.
   *
   * @return true if finished
   */
  public boolean finished() {
    return finished;
  }

  /**
   * The time this run spent adding key-value entries to Parquet footers ({@link FooterStamp}), for
   * the summary: what the provenance costs.
   *
   * @return seconds
   */
  public double footerSeconds() {
    return footerNanos / 1e9;
  }

  /**
   * Where this run's files go until it publishes.
   *
   * @return the staging directory, qualified
   */
  public Path staging() {
    return paths.staging(runId);
  }

  /**
   * This run's id (a UTC time and a random suffix).
   *
   * @return the run id
   */
  public String runId() {
    return runId;
  }

  /**
   * The chunks committed so far (by the run this one resumes, then by this one).
   *
   * @return the chunks, in commit order
   */
  public List<Chunk> chunks() {
    return List.copyOf(chunks);
  }

  /**
   * The grid rows already committed.
   *
   * @return the index ranges of every committed chunk
   */
  public List<IndexRange> committedRanges() {
    List<IndexRange> out = new ArrayList<>();
    for (Chunk c : chunks) {
      out.addAll(c.ranges());
    }
    return out;
  }

  /**
   * Records the data files that appeared in the staging directory since the last commit as the
   * chunk holding {@code ranges}, after checking from their Parquet footers that they hold exactly
   * that many rows (other files, such as figures, count no rows). Call after the chunk's Spark job
   * has committed. Spark's {@code _SUCCESS} marker and Hadoop's {@code .crc} files are deleted, so
   * the output holds nothing but its data files and {@value MetaFile#DIR}.
   *
   * @param ranges the index ranges the chunk wrote
   * @param stats the caller's statistics of those rows (kept for a resumed run)
   * @throws IOException if the files cannot be read or hold another row count
   */
  public void commit(List<IndexRange> ranges, Map<String, Object> stats) throws IOException {
    commit(ranges, stats, Map.of());
  }

  /**
   * As {@link #commit(List, Map)}, first adding {@code footer} to the key-value metadata of each
   * new Parquet file's footer ({@link FooterStamp}); the journal records the stamped files' sizes.
   *
   * @param ranges the index ranges the chunk wrote
   * @param stats the caller's statistics of those rows
   * @param footer key-value entries for every new Parquet footer (none: the files are left alone)
   * @throws IOException if the files cannot be read, stamped, or hold another row count
   */
  public void commit(List<IndexRange> ranges, Map<String, Object> stats, Map<String, String> footer)
      throws IOException {
    FileSystem fs = paths.fs();
    Set<String> known = new HashSet<>();
    for (Chunk c : chunks) {
      for (PartFile f : c.files()) {
        known.add(f.name());
      }
    }
    List<Path> fresh = new ArrayList<>();
    for (FileStatus s : fs.listStatus(staging())) {
      String n = s.getPath().getName();
      if (s.isFile() && (n.equals(SPARK_SUCCESS) || Manifest.isChecksum(n))) {
        fs.delete(s.getPath(), false);
      } else if (s.isFile() && !n.startsWith("_") && !n.startsWith(".") && !known.contains(n)) {
        fresh.add(s.getPath());
      }
    }
    long t0 = System.nanoTime();
    if (!footer.isEmpty()) {
      FooterStamp.stampAll(
          fs, fresh.stream().filter(p -> PartFile.isParquet(p.getName())).toList(), footer);
    }
    footerNanos += System.nanoTime() - t0;
    List<PartFile> files = new ArrayList<>();
    long written = 0;
    for (Path p : fresh) {
      String n = p.getName();
      long r = PartFile.isParquet(n) ? PartFile.footerRows(fs, p) : 0;
      files.add(new PartFile(n, fs.getFileStatus(p).getLen(), r));
      written += r;
    }
    files.sort((a, b) -> a.name().compareTo(b.name()));
    long expected = ranges.stream().mapToLong(IndexRange::size).sum();
    if (written != expected) {
      throw new IOException(
          "the chunk's files in " + staging() + " hold " + written + " rows, not " + expected);
    }
    Chunk c = new Chunk(List.copyOf(ranges), files, stats);
    RunJournal.append(fs, staging(), chunks.size() + 1, c);
    chunks.add(c);
  }

  /** The marker Spark's commit protocol leaves in a directory it wrote; gradgrid deletes it. */
  private static final String SPARK_SUCCESS = "_SUCCESS";

  /**
   * Publishes the run: writes the summary and the manifest into the staging directory (from here on
   * the run is finished), deletes the journal, then moves an old output aside, the new one into
   * place, and deletes the old one.
   *
   * @param summaryJson the summary's JSON text, or null for an output without one
   * @throws IOException if the rows do not add up or a rename fails
   */
  public void publish(String summaryJson) throws IOException {
    List<PartFile> files = new ArrayList<>();
    for (Chunk c : chunks) {
      files.addAll(c.files());
    }
    Manifest m = new Manifest(runId, confHash, rows, files);
    FileSystem fs = paths.fs();
    if (summaryJson != null) {
      MetaFile.write(fs, staging(), MetaFile.SUMMARY, summaryJson, m.schemaSource(staging()));
    }
    String wrong = m.mismatch(fs, staging());
    if (wrong != null) {
      throw new IOException("refusing to publish " + staging() + ": " + wrong);
    }
    m.write(fs, staging());
    moveIn(paths, staging(), runId);
    published = true;
  }

  /**
   * Moves a finished staging directory into place: its journal deleted (the manifest supersedes it,
   * and an output holds only Parquet files), old output aside, new one in, old deleted.
   */
  private static void moveIn(OutputPaths paths, Path staging, String runId) throws IOException {
    FileSystem fs = paths.fs();
    if (fs.exists(RunJournal.dir(staging))) {
      for (FileStatus s : fs.listStatus(RunJournal.dir(staging))) {
        if (RunJournal.isJournal(s.getPath().getName())) {
          fs.delete(s.getPath(), false);
        }
      }
    }
    Path dir = paths.dir();
    Path aside = paths.aside(runId);
    if (fs.exists(dir)) {
      Ownership.requireReplaceable(fs, dir);
      rename(fs, dir, aside);
    }
    rename(fs, staging, dir);
    fs.delete(aside, true);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  private static String newRunId() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(RUN_TIME)
        + "-"
        + String.format("%08x", ThreadLocalRandom.current().nextInt());
  }

  /**
   * Releases the lock. An unpublished run's staging directory stays for {@code resume} if it
   * committed a chunk, and is removed if it did not (there is nothing to continue).
   */
  @Override
  public void close() throws IOException {
    try {
      if (!published && !finished && !resumed && chunks.isEmpty()) {
        paths.fs().delete(staging(), true);
      }
    } finally {
      lock.close();
    }
  }
}
