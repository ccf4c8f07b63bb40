package gradgrid.job.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The file that makes an output finished, written last: the run that wrote it, the conf's hash, the
 * row count, and every data file with its size and row count. An output is finished exactly when
 * its manifest is there and the directory holds exactly those files at those sizes; that is also
 * what makes a directory gradgrid's (a copied summary or manifest beside other files is not).
 *
 * @param runId the run that wrote the output
 * @param confHash SHA-256 of the conf (less {@code output.mode}), see {@link ConfHash}
 * @param rows rows in all files
 * @param files the data files
 */
public record Manifest(String runId, String confHash, long rows, List<PartFile> files) {
  /** The manifest's path inside the output. */
  public static final String FILE_NAME = MetaFile.path(MetaFile.MANIFEST);

  /** Names in {@value MetaFile#DIR} that gradgrid writes (this layout's and the JSON one's). */
  private static final Set<String> META_NAMES =
      Set.of(
          MetaFile.MANIFEST + ".parquet",
          MetaFile.SUMMARY + ".parquet",
          MetaFile.MANIFEST + ".json",
          MetaFile.SUMMARY + ".json");

  /**
   * Names an old-layout output holds next to its data files: its manifest, summary and Spark's
   * commit marker (new outputs have none of them at the top level).
   */
  private static final Set<String> OLD_NAMES =
      Set.of(MetaFile.oldName(MetaFile.MANIFEST), MetaFile.oldName(MetaFile.SUMMARY), "_SUCCESS");

  /**
   * Writes the manifest into {@code dir}'s {@value MetaFile#DIR}, with the schema of its first
   * Parquet file.
   */
  void write(FileSystem fs, Path dir) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", 1);
    m.put("run", runId);
    m.put("conf-sha256", confHash);
    m.put("rows", rows);
    List<Object> entries = new ArrayList<>();
    for (PartFile f : files) {
      entries.add(f.toMap());
    }
    m.put("files", entries);
    MetaFile.write(fs, dir, MetaFile.MANIFEST, Json.render(m), schemaSource(dir));
  }

  /**
   * The first Parquet file of this manifest in {@code dir}, whose schema gradgrid's own files take
   * ({@link MetaFile#write}), or null when it has none.
   */
  Path schemaSource(Path dir) {
    return files.stream()
        .filter(f -> PartFile.isParquet(f.name()))
        .findFirst()
        .map(f -> new Path(dir, f.name()))
        .orElse(null);
  }

  /**
   * Reads the manifest of a directory.
   *
   * @param fs the file system
   * @param dir the directory
   * @return the manifest, or null if there is none
   * @throws IOException if it cannot be read or is malformed
   */
  @SuppressWarnings("unchecked")
  public static Manifest read(FileSystem fs, Path dir) throws IOException {
    String text = MetaFile.read(fs, dir, MetaFile.MANIFEST);
    if (text == null) {
      return null;
    }
    Map<String, Object> m = Json.parse(text, new Path(dir, FILE_NAME));
    List<PartFile> files = new ArrayList<>();
    if (!(m.get("files") instanceof List<?> list)) {
      throw new IOException(new Path(dir, FILE_NAME) + ": field 'files' is missing");
    }
    for (Object o : list) {
      files.add(PartFile.fromMap((Map<String, Object>) o));
    }
    return new Manifest(
        Json.stringOf(m, "run"), Json.stringOf(m, "conf-sha256"), Json.longOf(m, "rows"), files);
  }

  /**
   * What is wrong with {@code dir} measured against this manifest: a listed file missing or of
   * another size, or an entry the manifest does not list (in {@value MetaFile#DIR} too). Hadoop's
   * checksum files ({@code .<name>.crc}), gradgrid's own files and an old-layout output's names are
   * allowed.
   *
   * @param fs the file system
   * @param dir the directory
   * @return the first problem, or null when the directory is exactly this output
   * @throws IOException if the directory cannot be listed
   */
  public String mismatch(FileSystem fs, Path dir) throws IOException {
    Map<String, PartFile> expected = new HashMap<>();
    for (PartFile f : files) {
      expected.put(f.name(), f);
    }
    for (FileStatus s : fs.listStatus(dir)) {
      String n = s.getPath().getName();
      if (n.equals(MetaFile.DIR) && s.isDirectory()) {
        String stray = strayMeta(fs, s.getPath());
        if (stray != null) {
          return "it holds " + MetaFile.DIR + "/" + stray + ", which gradgrid did not write";
        }
        continue;
      }
      if (OLD_NAMES.contains(n) || isChecksum(n)) {
        continue;
      }
      PartFile f = expected.remove(n);
      if (f == null) {
        return "it holds " + n + ", which its manifest does not list";
      }
      if (s.isDirectory() || s.getLen() != f.bytes()) {
        return n + " is " + s.getLen() + " bytes, its manifest says " + f.bytes();
      }
    }
    if (!expected.isEmpty()) {
      return "the part file " + expected.keySet().iterator().next() + " of its manifest is missing";
    }
    long sum = files.stream().mapToLong(PartFile::rows).sum();
    return sum == rows ? null : "its manifest's files hold " + sum + " rows, not " + rows;
  }

  /**
   * What is wrong with the Parquet footers of {@code dir}'s files: a footer that cannot be read (a
   * corrupt file of the listed size, a checksum error), or one whose row count is not the
   * manifest's. Only the footers are read, on this JVM, so no Spark task ever fails on them. Call
   * after {@link #mismatch} found nothing.
   *
   * @param fs the file system
   * @param dir the directory
   * @return the first problem, naming the file, or null when every footer agrees
   */
  public String footerMismatch(FileSystem fs, Path dir) {
    List<PartFile> parquet = files.stream().filter(f -> PartFile.isParquet(f.name())).toList();
    if (parquet.isEmpty()) {
      return null;
    }
    // Opening a footer is mostly waiting on the file system: read them side by side.
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(FOOTER_THREADS, parquet.size()));
    try {
      List<Future<String>> checks = new ArrayList<>();
      for (PartFile f : parquet) {
        checks.add(pool.submit(() -> footerMismatch(fs, dir, f)));
      }
      for (Future<String> c : checks) {
        String wrong = c.get();
        if (wrong != null) {
          return wrong;
        }
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "reading the part files' footers was interrupted";
    } catch (ExecutionException e) {
      return "a part file cannot be read: " + oneLine(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Footers read at once by {@link #footerMismatch(FileSystem, Path)}. */
  private static final int FOOTER_THREADS = 16;

  private static String footerMismatch(FileSystem fs, Path dir, PartFile f) {
    long r;
    try {
      r = PartFile.footerRows(fs, new Path(dir, f.name()));
    } catch (IOException | RuntimeException e) {
      return "the part file " + f.name() + " cannot be read: " + oneLine(e);
    }
    if (r != f.rows()) {
      return "the part file " + f.name() + " holds " + r + " rows, its manifest says " + f.rows();
    }
    return null;
  }

  /** An exception's own message (or its type), on one line, for a one-paragraph error. */
  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** A name in {@value MetaFile#DIR} that is neither gradgrid's nor a checksum, or null. */
  private static String strayMeta(FileSystem fs, Path meta) throws IOException {
    for (FileStatus s : fs.listStatus(meta)) {
      String n = s.getPath().getName();
      if (!(s.isFile() && (META_NAMES.contains(n) || RunJournal.isJournal(n) || isChecksum(n)))) {
        return n;
      }
    }
    return null;
  }

  static boolean isChecksum(String n) {
    return n.startsWith(".") && n.endsWith(".crc");
  }
}
