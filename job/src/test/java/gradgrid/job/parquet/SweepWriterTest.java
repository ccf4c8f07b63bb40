package gradgrid.job.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet encodings (dictionaries only where values repeat) and the codec: the conf's {@code
 * output.compression}, else Spark's {@code spark.sql.parquet.compression.codec}, else zstd, as the
 * written files' footers record it.
 */
class SweepWriterTest {
  @TempDir Path dir;

  @Test
  void dictionaryOffForOutputsAndLongAxesOnlyWithParquetListPaths() {
    SweepSpec spec =
        SmallSweeps.spec(
            dir,
            SmallSweeps.SEED
                + "inputs.x = 1.5\n"
                + "inputs.\"alpha[1]\" { from = -3, to = 3, points = 500 }\n"
                + "inputs.\"beta[1]\" { from = -3, to = 3, points = 70000 }\n"
                + "outputs = [f, \"grad(alpha)\", \"hessian(alpha, beta)\"]\n");
    assertEquals(
        Map.of(
            "parquet.enable.dictionary#beta_1", "false",
            "parquet.enable.dictionary#f", "false",
            "parquet.enable.dictionary#grad_alpha.list.element", "false",
            "parquet.enable.dictionary#hessian_alpha_beta.list.element.list.element", "false"),
        SweepWriter.dictionaryOptions(spec));
  }

  @Test
  void writtenFilesUseTheDictionaryForAShortAxisAndPlainForOutputs() throws IOException {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            SmallSweeps.SEED
                + "inputs.x { from = -3, to = 3, points = 61 }\n"
                + "inputs.\"alpha[1]\" { values = [-1, 0, 2] }\n"
                + "outputs = [f, \"grad(beta)\"]\noutput.dir = enc\npartitions = 1\n");
    Map<String, Set<Encoding>> enc = new HashMap<>();
    try (Stream<Path> files = Files.list(dir.resolve("enc"))) {
      Path part =
          files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().get();
      try (ParquetFileReader r =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
        for (ColumnChunkMetaData c : r.getFooter().getBlocks().get(0).getColumns()) {
          enc.put(c.getPath().toDotString(), c.getEncodings());
        }
      }
    }
    // alpha_1 repeats its 3 values down the 183 rows: a dictionary pays; x's 61 values too.
    assertTrue(enc.get("alpha_1").stream().anyMatch(Encoding::usesDictionary), enc.toString());
    assertFalse(enc.get("f").stream().anyMatch(Encoding::usesDictionary), enc.toString());
    assertFalse(
        enc.get("grad_beta.list.element").stream().anyMatch(Encoding::usesDictionary),
        enc.toString());
  }

  @Test
  void zstdWhenNeitherTheConfNorSparkNamesACodec() throws IOException {
    assertEquals("(Parquet, zstd)", sweep("", null));
    assertEquals(Set.of(CompressionCodecName.ZSTD), codecs(dir.resolve("c")));
  }

  @Test
  void sparkSettingIsHonouredWhenTheConfIsSilent() throws IOException {
    assertEquals("(Parquet, snappy)", sweep("", "SNAPPY"));
    assertEquals(Set.of(CompressionCodecName.SNAPPY), codecs(dir.resolve("c")));
  }

  @Test
  void confKeyWinsOverSparkSetting() throws IOException {
    assertEquals("(Parquet, gzip)", sweep("output.compression = GZip\n", "snappy"));
    assertEquals(Set.of(CompressionCodecName.GZIP), codecs(dir.resolve("c")));
  }

  @Test
  void noneWritesUncompressedFiles() throws IOException {
    assertEquals("(Parquet, none)", sweep("output.compression = none\n", null));
    assertEquals(Set.of(CompressionCodecName.UNCOMPRESSED), codecs(dir.resolve("c")));
  }

  /**
   * Runs a small sweep into {@code c} with {@code extra} conf lines and the session's codec setting
   * (null: unset), and returns the codec part of its result line.
   */
  private String sweep(String extra, String sparkCodec) throws IOException {
    SweepSpec spec =
        SmallSweeps.spec(
            dir,
            SmallSweeps.SEED
                + "inputs.x { from = -3, to = 3, points = 41 }\n"
                + "outputs = [f, \"grad(alpha)\"]\noutput.dir = c\npartitions = 2\n"
                + extra);
    SparkSession spark = SparkTestSession.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (sparkCodec != null) {
      spark.conf().set(SweepWriter.SPARK_CODEC_KEY, sparkCodec);
    }
    try {
      SweepToParquet.run(
          spark,
          spec,
          SmallSweeps.providers().evaluator(spec),
          new PrintStream(out, true, StandardCharsets.UTF_8));
    } finally {
      spark.conf().unset(SweepWriter.SPARK_CODEC_KEY);
    }
    String line = out.toString(StandardCharsets.UTF_8);
    int open = line.indexOf("(Parquet");
    assertTrue(open >= 0, line);
    return line.substring(open, line.indexOf(')', open) + 1);
  }

  /** The codecs of every column chunk in every part file of an output directory. */
  private static Set<CompressionCodecName> codecs(Path out) throws IOException {
    Set<CompressionCodecName> codecs = new HashSet<>();
    List<Path> parts;
    try (Stream<Path> files = Files.list(out)) {
      parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    }
    assertFalse(parts.isEmpty(), "no part files in " + out);
    for (Path part : parts) {
      try (ParquetFileReader r =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
        for (BlockMetaData b : r.getFooter().getBlocks()) {
          for (ColumnChunkMetaData c : b.getColumns()) {
            codecs.add(c.getCodec());
          }
        }
      }
    }
    return codecs;
  }
}
