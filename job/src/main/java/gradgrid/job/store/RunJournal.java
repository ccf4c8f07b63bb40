package gradgrid.job.store;

import gradgrid.job.partitions.IndexRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's record of itself in its staging directory's {@code _gradgrid} directory: {@value #RUN}
 * (run id, conf hash, total rows, Parquet codec), written first, and one {@code chunk-NNNNNN.json}
 * per committed chunk, each written atomically after the chunk's Spark job has committed. A resumed
 * run trusts exactly the chunks recorded here; any other data file in the staging directory is
 * debris. Publishing deletes the journal.
 */
final class RunJournal {
  static final String RUN = "run.json";
  private static final String CHUNK = "chunk-";

  private RunJournal() {}

  /** Whether a file name in {@code _gradgrid} is one of the journal's. */
  static boolean isJournal(String name) {
    return name.equals(RUN) || (name.startsWith(CHUNK) && name.endsWith(".json"));
  }

  /** The directory of a staging directory that holds its journal. */
  static Path dir(Path staging) {
    return new Path(staging, MetaFile.DIR);
  }

  static void start(
      FileSystem fs, Path staging, String runId, String confHash, long rows, String codec)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", runId);
    m.put("conf-sha256", confHash);
    m.put("rows", rows);
    if (codec != null) {
      m.put("codec", codec);
    }
    Json.write(fs, new Path(dir(staging), RUN), m);
  }

  /**
   * What a staging directory's journal was started with.
   *
   * @param confHash the conf hash
   * @param codec the Parquet codec its chunks were written with, or null when not recorded
   */
  record Start(String confHash, String codec) {}

  /** How a staging directory's run was started, or null if it is not a run's. */
  static Start start(FileSystem fs, Path staging) throws IOException {
    Map<String, Object> m = Json.read(fs, new Path(dir(staging), RUN));
    return m == null ? null : new Start(Json.stringOf(m, "conf-sha256"), (String) m.get("codec"));
  }

  static void append(FileSystem fs, Path staging, int seq, Chunk c) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> ranges = new ArrayList<>();
    for (IndexRange r : c.ranges()) {
      ranges.add(List.of(r.start(), r.end()));
    }
    m.put("ranges", ranges);
    List<Object> files = new ArrayList<>();
    for (PartFile f : c.files()) {
      files.add(f.toMap());
    }
    m.put("files", files);
    m.put("stats", c.stats());
    Json.write(fs, new Path(dir(staging), String.format("%s%06d.json", CHUNK, seq)), m);
  }

  /** The chunks recorded in a staging directory, in commit order. */
  @SuppressWarnings("unchecked")
  static List<Chunk> chunks(FileSystem fs, Path staging) throws IOException {
    List<Path> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir(staging))) {
      String n = s.getPath().getName();
      if (n.startsWith(CHUNK) && n.endsWith(".json")) {
        names.add(s.getPath());
      }
    }
    names.sort(null);
    List<Chunk> out = new ArrayList<>();
    for (Path p : names) {
      Map<String, Object> m = Json.read(fs, p);
      List<IndexRange> ranges = new ArrayList<>();
      for (Object r : (List<Object>) m.get("ranges")) {
        List<Number> se = (List<Number>) r;
        ranges.add(new IndexRange(se.get(0).longValue(), se.get(1).longValue()));
      }
      List<PartFile> files = new ArrayList<>();
      for (Object f : (List<Object>) m.get("files")) {
        files.add(PartFile.fromMap((Map<String, Object>) f));
      }
      out.add(new Chunk(ranges, files, (Map<String, Object>) m.get("stats")));
    }
    return out;
  }
}
