package gradgrid.job.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;

/**
 * A Parquet file's plaintext footer, read and written as Parquet's own Thrift structure: the bytes
 * at the end of the file are the footer, its length (4 bytes, little-endian) and the magic {@code
 * PAR1}. {@link FooterStamp} rewrites Spark's footers with it and {@link MetaFile} writes row-less
 * files with it, so both agree on the format byte for byte.
 */
final class Footers {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private Footers() {}

  /**
   * One file's footer and where it starts.
   *
   * @param meta the decoded footer
   * @param start the offset of its first byte (everything before it is the file's pages)
   */
  record Footer(FileMetaData meta, long start) {}

  /**
   * Reads the footer of a Parquet file of {@code len} bytes.
   *
   * @return the footer, or null when the file was written with Parquet's modular encryption (an
   *     encrypted footer, or a signed plaintext one that a rewrite would break)
   * @throws IOException if the file is too short or does not end like a Parquet file
   */
  static Footer read(FSDataInputStream in, long len, Object file) throws IOException {
    if (len < 12) {
      throw new IOException(file + " is too short to be a Parquet file");
    }
    byte[] tail = new byte[8];
    in.readFully(len - 8, tail);
    if (!Arrays.equals(tail, 4, 8, MAGIC, 0, 4)) {
      if (Arrays.equals(tail, 4, 8, "PARE".getBytes(StandardCharsets.US_ASCII), 0, 4)) {
        return null;
      }
      throw new IOException(file + " does not end like a Parquet file");
    }
    int footerLen = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    long start = len - 8 - footerLen;
    if (footerLen < 0 || start < 4) {
      throw new IOException(file + " has a footer length of " + footerLen + " bytes");
    }
    byte[] footer = new byte[footerLen];
    in.readFully(start, footer);
    FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(footer));
    return meta.isSetEncryption_algorithm() ? null : new Footer(meta, start);
  }

  /** Writes {@code meta} as a footer: the Thrift bytes, their length and the magic. */
  static void write(OutputStream out, FileMetaData meta) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Util.writeFileMetaData(meta, bytes);
    bytes.writeTo(out);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.size()).array());
    out.write(MAGIC);
  }

  /** Writes the magic that starts every Parquet file. */
  static void writeHeader(OutputStream out) throws IOException {
    out.write(MAGIC);
  }
}
