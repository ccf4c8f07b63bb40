package gradgrid.job.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;

/**
 * Adds key-value entries to the footer of Parquet files Spark has written: Spark's writer has no
 * per-write option for them. The file's bytes up to its footer (pages, column and offset indexes,
 * bloom filters; every offset in the footer points there) are copied unchanged, then the footer is
 * written again with the entries added, so nothing is decoded or re-encoded. The new file replaces
 * the old one by a rename; a run killed meanwhile leaves debris its resume deletes.
 */
final class FooterStamp {
  private static final int THREADS = 4;
  private static final int BUFFER = 1 << 20;

  private FooterStamp() {}

  /** Stamps each file, a few side by side (copying is mostly waiting on the file system). */
  static void stampAll(FileSystem fs, List<Path> files, Map<String, String> entries)
      throws IOException {
    if (files.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, files.size()));
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (Path f : files) {
        done.add(
            pool.submit(
                () -> {
                  stamp(fs, f, entries);
                  return null;
                }));
      }
      for (Future<Void> d : done) {
        d.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("stamping the Parquet footers was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Rewrites one file's footer with {@code entries} added to its key-value metadata (an entry of
   * the same key is replaced). A file written with Parquet's modular encryption (an encrypted or
   * signed footer) is left as it is.
   *
   * @throws IOException if the file is too short to be Parquet or cannot be copied
   */
  static void stamp(FileSystem fs, Path file, Map<String, String> entries) throws IOException {
    long len = fs.getFileStatus(file).getLen();
    FileSystem raw = Json.withoutChecksums(fs);
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".stamp");
    try (FSDataInputStream in = fs.open(file)) {
      Footers.Footer footer = Footers.read(in, len, file);
      if (footer == null) {
        return; // written with modular encryption: a new footer would break it
      }
      FileMetaData meta = footer.meta();
      List<KeyValue> kv = new ArrayList<>();
      if (meta.getKey_value_metadata() != null) {
        for (KeyValue e : meta.getKey_value_metadata()) {
          if (!entries.containsKey(e.getKey())) {
            kv.add(e);
          }
        }
      }
      for (Map.Entry<String, String> e : entries.entrySet()) {
        kv.add(new KeyValue(e.getKey()).setValue(e.getValue()));
      }
      meta.setKey_value_metadata(kv);
      try (FSDataOutputStream out = raw.create(tmp, true)) {
        in.seek(0);
        copy(in, out, footer.start());
        Footers.write(out, meta);
      }
    }
    fs.delete(file, false);
    if (!raw.rename(tmp, file)) {
      throw new IOException("cannot rename " + tmp + " to " + file);
    }
  }

  private static void copy(FSDataInputStream in, FSDataOutputStream out, long n)
      throws IOException {
    byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(1, n))];
    long left = n;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new IOException("the file ended " + left + " bytes early");
      }
      out.write(buf, 0, r);
      left -= r;
    }
  }
}
