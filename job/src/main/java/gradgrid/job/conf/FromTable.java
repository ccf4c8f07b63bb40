package gradgrid.job.conf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code inputs.from-table}: the rows a sweep is evaluated on, whose columns bind every input the
 * conf does not set. Either Parquet files (a file, a directory or a glob, local or any Hadoop file
 * system) or the name of a table in the session's catalog. A local path that does not exist is
 * refused here, before Spark starts; the table's schema is checked against the inputs once the
 * session has read it, still before anything is written.
 *
 * @param location a Hadoop path string for Parquet files, or a table name
 * @param isPath true for Parquet files, false for a catalog table
 * @param text the conf's text, for messages
 */
public record FromTable(String location, boolean isPath, String text) {
  /** The conf key. */
  public static final String KEY = "from-table";

  private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*){0,2}");
  private static final String GLOB = "*?[{";

  /**
   * Reads the key's text.
   *
   * @param text the conf's value
   * @param workingDir relative paths are resolved against it
   * @param where the key's position, for messages
   * @return the table
   * @throws ConfException when the text is empty, starts with {@code ~}, or names a local path that
   *     does not exist and cannot be a table name
   */
  public static FromTable parse(String text, Path workingDir, String where) {
    String key = where + "inputs." + KEY + ": ";
    if (text.isBlank()) {
      throw new ConfException(key + "empty; give a Parquet file or directory, or a table name");
    }
    if (SCHEME.matcher(text).matches() && !text.regionMatches(true, 0, "file:", 0, 5)) {
      return new FromTable(text, true, text);
    }
    ConfValues.refuseTilde(text, text, key);
    String path = text.regionMatches(true, 0, "file://", 0, 7) ? text.substring(7) : text;
    Path local = workingDir.resolve(path).toAbsolutePath().normalize();
    boolean glob = path.chars().anyMatch(c -> GLOB.indexOf(c) >= 0);
    if (glob || Files.exists(local)) {
      // a glob is Spark's to expand: kept as text, so not made a URI (which would escape it)
      String location =
          glob ? local.toString() : new org.apache.hadoop.fs.Path(local.toUri()).toString();
      return new FromTable(location, true, text);
    }
    if (TABLE_NAME.matcher(text).matches() && !text.endsWith(".parquet")) {
      return new FromTable(text, false, text);
    }
    throw new ConfException(
        key
            + "'"
            + text
            + "': no such file or directory ("
            + local
            + "); give a Parquet file, a directory of Parquet files, a glob, or the name of a"
            + " table in the session's catalog");
  }

  /**
   * How messages name the table.
   *
   * @return {@code Parquet at '<text>'} or {@code table '<name>'}
   */
  public String describe() {
    return (isPath ? "the Parquet at '" : "table '") + text + "'";
  }
}
