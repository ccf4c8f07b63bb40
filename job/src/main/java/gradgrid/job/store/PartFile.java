package gradgrid.job.store;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * One data file of an output, as the manifest records it.
 *
 * @param name the file name inside the output directory
 * @param bytes its length
 * @param rows the rows it holds (from its Parquet footer)
 */
public record PartFile(String name, long bytes, long rows) {
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("bytes", bytes);
    m.put("rows", rows);
    return m;
  }

  static PartFile fromMap(Map<String, Object> m) throws IOException {
    return new PartFile(Json.stringOf(m, "name"), Json.longOf(m, "bytes"), Json.longOf(m, "rows"));
  }

  /** Whether a file name is a Parquet data file (the files that hold rows). */
  static boolean isParquet(String name) {
    return name.endsWith(".parquet");
  }

  /** Plain read options: only the footer is read, so none of the Hadoop configuration applies. */
  private static final ParquetReadOptions FOOTER_ONLY = ParquetReadOptions.builder().build();

  /** The row count in a Parquet file's footer; only the footer is read. */
  static long footerRows(FileSystem fs, Path file) throws IOException {
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(file, fs.getConf()), FOOTER_ONLY)) {
      return r.getRecordCount();
    }
  }
}
