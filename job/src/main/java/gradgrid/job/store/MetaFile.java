package gradgrid.job.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.SchemaElement;

/**
 * gradgrid's own files in an output (its manifest and summary), in the output's {@value #DIR}
 * directory. Each is a Parquet file with the output's schema and no rows, whose footer holds the
 * file's JSON text under the key {@code gradgrid.<name>}, as Parquet's own {@code _common_metadata}
 * holds a schema and key-value metadata without data. So every file below an output is Parquet of
 * one schema: a reader that takes the whole directory tree (Polars' {@code scan_parquet(dir)},
 * which refuses a directory holding two file extensions) reads exactly the output's rows, while
 * Spark and pyarrow skip {@value #DIR} ('_' prefix) and DuckDB's {@code dir/*} matches files only.
 *
 * <p>Outputs of two earlier layouts are still read: the JSON files {@code _gradgrid/<name>.json},
 * and before them {@code _gradgrid_<name>.json} beside the data.
 */
public final class MetaFile {
  /** The directory inside an output that holds gradgrid's own files. */
  public static final String DIR = "_gradgrid";

  /** The manifest's name. */
  static final String MANIFEST = "manifest";

  /** The summary's name. */
  public static final String SUMMARY = "summary";

  private static final String KEY_PREFIX = "gradgrid.";

  private MetaFile() {}

  /** The path inside an output of the file {@code name} (as {@link #write} writes it). */
  public static String path(String name) {
    return DIR + "/" + name + ".parquet";
  }

  /** The path inside an output of {@code name} in the JSON layout before this one. */
  static String jsonPath(String name) {
    return DIR + "/" + name + ".json";
  }

  /** The name beside the data of {@code name} in the first layout (before {@value #DIR}). */
  static String oldName(String name) {
    return "_gradgrid_" + name + ".json";
  }

  /**
   * Writes the file {@code name} into {@code dir}'s {@value #DIR}, atomically (a temporary name,
   * then a rename), without Hadoop's checksum files.
   *
   * @param fs the file system
   * @param dir the output (or staging) directory
   * @param name the file's name, without extension
   * @param json the JSON text it holds
   * @param schemaFrom a data file whose schema the file takes, or null for a schema of no columns
   *     (an output without Parquet rows)
   * @throws IOException if it cannot be written
   */
  static void write(FileSystem fs, Path dir, String name, String json, Path schemaFrom)
      throws IOException {
    FileMetaData source = null;
    if (schemaFrom != null) {
      try (FSDataInputStream in = fs.open(schemaFrom)) {
        Footers.Footer f = Footers.read(in, fs.getFileStatus(schemaFrom).getLen(), schemaFrom);
        source = f == null ? null : f.meta();
      }
    }
    List<SchemaElement> schema =
        source != null
            ? source.getSchema()
            : List.of(new SchemaElement("spark_schema").setNum_children(0));
    FileMetaData meta = new FileMetaData(1, schema, 0, List.of());
    if (source != null && source.isSetColumn_orders()) {
      meta.setColumn_orders(source.getColumn_orders());
    }
    meta.setKey_value_metadata(List.of(new KeyValue(KEY_PREFIX + name).setValue(json)));
    meta.setCreated_by("gradgrid");
    Json.atomically(
        fs,
        new Path(dir, path(name)),
        out -> {
          Footers.writeHeader(out);
          Footers.write(out, meta);
        });
  }

  /**
   * Reads the JSON text of the file {@code name} of {@code dir}, in whichever layout it was
   * written.
   *
   * @param fs the file system
   * @param dir the output (or staging) directory
   * @param name the file's name, without extension
   * @return the JSON text, or null when the directory has no such file
   * @throws IOException if the file cannot be read or does not hold its entry
   */
  public static String read(FileSystem fs, Path dir, String name) throws IOException {
    Path file = new Path(dir, path(name));
    if (fs.exists(file)) {
      Footers.Footer f;
      try (FSDataInputStream in = fs.open(file)) {
        f = Footers.read(in, fs.getFileStatus(file).getLen(), file);
      } catch (RuntimeException e) {
        throw new IOException(file + " is not a readable Parquet file: " + e.getMessage(), e);
      }
      if (f != null && f.meta().getKey_value_metadata() != null) {
        for (KeyValue kv : f.meta().getKey_value_metadata()) {
          if (kv.getKey().equals(KEY_PREFIX + name) && kv.getValue() != null) {
            return kv.getValue();
          }
        }
      }
      throw new IOException(file + " has no '" + KEY_PREFIX + name + "' entry in its footer");
    }
    for (String earlier : List.of(jsonPath(name), oldName(name))) {
      Path p = new Path(dir, earlier);
      if (fs.exists(p)) {
        try (InputStream in = fs.open(p)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }
}
