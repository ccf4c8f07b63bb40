package gradgrid.job.store;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

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
}
