package gradgrid.job.store;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The small JSON files of the output store, read and written on any Hadoop file system. A file is
 * written under a temporary name and renamed into place, so a reader sees the whole file or none.
 */
final class Json {
  private Json() {}

  /** Writes {@code fields} as JSON to {@code file}, atomically (temporary file, then rename). */
  static void write(FileSystem fs, Path file, Map<String, ?> fields) throws IOException {
    write(fs, file, render(fields));
  }

  /** {@code fields} as formatted JSON text. */
  static String render(Map<String, ?> fields) {
    return ConfigValueFactory.fromMap(fields)
        .render(ConfigRenderOptions.concise().setJson(true).setFormatted(true));
  }

  /** Writes a JSON text (and a newline) to {@code file}, {@link #atomically}. */
  private static void write(FileSystem fs, Path file, String text) throws IOException {
    atomically(
        fs,
        file,
        out -> {
          out.write(text.getBytes(StandardCharsets.UTF_8));
          out.write('\n');
        });
  }

  /** Writes the bytes of a file. */
  @FunctionalInterface
  interface Body {
    /**
     * Writes them.
     *
     * @param out the file's stream
     * @throws IOException if the write fails
     */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code file} atomically: under a temporary name beside it, then renamed into place, so a
   * reader sees the whole file or none; on the local file system without Hadoop's {@code .crc}
   * files.
   *
   * @param fs the file system
   * @param file the file
   * @param body writes its bytes
   * @throws IOException if it cannot be written or renamed
   */
  static void atomically(FileSystem fs, Path file, Body body) throws IOException {
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
    FileSystem raw = withoutChecksums(fs);
    try (OutputStream out = raw.create(tmp, true)) {
      body.write(out);
    }
    if (!raw.rename(tmp, file)) {
      throw new IOException("cannot rename " + tmp + " to " + file);
    }
  }

  /**
   * The file system under Hadoop's checksum layer on the local disk (which writes a {@code .crc}
   * file beside every file; no other reader wants them, see {@code OutputCommit#commit}); any other
   * file system as it is.
   */
  static FileSystem withoutChecksums(FileSystem fs) {
    return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }

  /** Reads a JSON object written by {@link #write}; a missing file gives null. */
  static Map<String, Object> read(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream in = fs.open(file)) {
      in.transferTo(bytes);
    }
    return parse(bytes.toString(StandardCharsets.UTF_8), file);
  }

  /** Parses a JSON object; {@code file} names it in the message when it is not valid JSON. */
  static Map<String, Object> parse(String text, Path file) throws IOException {
    try {
      return ConfigFactory.parseString(
              text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))
          .root()
          .unwrapped();
    } catch (com.typesafe.config.ConfigException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A field as a long (JSON numbers come back as Integer or Long). */
  static long longOf(Map<String, Object> m, String key) throws IOException {
    Object v = m.get(key);
    if (!(v instanceof Number n)) {
      throw new IOException("field '" + key + "' is missing or not a number");
    }
    return n.longValue();
  }

  /** A field as a string. */
  static String stringOf(Map<String, Object> m, String key) throws IOException {
    Object v = m.get(key);
    if (!(v instanceof String s)) {
      throw new IOException("field '" + key + "' is missing or not a string");
    }
    return s;
  }
}
