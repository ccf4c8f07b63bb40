package gradgrid.job.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output directory as other readers see it: only Parquet files at the top level (gradgrid's own
 * files in {@code _gradgrid/}, no {@code _SUCCESS}, no {@code .crc}), read by DuckDB with a plain
 * glob and by parquet-java's own reader, whose footers carry the sweep's provenance and the conf's
 * codec; and a resume that would mix codecs is refused.
 */
class OutputLayoutTest {
  @TempDir Path dir;

  private static String conf(String out, String compression, String mode) {
    return SmallSweeps.SEED
        + "inputs.x { from = -1, to = 1, points = 301 }\noutputs = [f, \"f'\", grad(alpha)]\n"
        + "output { dir = \""
        + out
        + "\", mode = "
        + mode
        + (compression == null ? "" : ", compression = " + compression)
        + " }\npartitions = 3\n";
  }

  @Test
  void duckDbAndParquetJavaReadTheOutputAndItsFootersCarryTheProvenance() throws Exception {
    SweepSpec spec = SmallSweeps.run(dir, conf("out/z", "gzip", "error"));
    Path out = dir.resolve("out/z");
    List<Path> parts;
    try (var top = Files.list(out)) {
      parts = top.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    try (var top = Files.list(out)) {
      assertEquals(parts.size() + 1, top.count(), "the data files and _gradgrid/, nothing else");
    }
    assertTrue(Files.isRegularFile(out.resolve(Manifest.FILE_NAME)));

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT count(*), min(x), max(x) FROM read_parquet('" + out + "/*')")) {
      assertTrue(r.next());
      assertEquals(301, r.getLong(1), "DuckDB's count over " + out + "/*");
      assertEquals(-1.0, r.getDouble(2));
      assertEquals(1.0, r.getDouble(3));
    }

    SparkSession spark = SparkTestSession.get();
    long rows = 0;
    for (Path p : parts) {
      try (ParquetFileReader r =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(p.toString()), new Configuration()),
              ParquetReadOptions.builder().build())) {
        rows += r.getRecordCount();
        for (BlockMetaData b : r.getFooter().getBlocks()) {
          for (ColumnChunkMetaData col : b.getColumns()) {
            assertEquals(CompressionCodecName.GZIP, col.getCodec(), col.getPath().toString());
            // The page indexes before the rewritten footer are where the footer says.
            OffsetIndex pages = r.readOffsetIndex(col);
            assertEquals(
                b.getRowCount(),
                pages.getLastRowIndex(pages.getPageCount() - 1, b.getRowCount()) + 1,
                col.getPath().toString());
          }
        }
        Map<String, String> kv = r.getFooter().getFileMetaData().getKeyValueMetaData();
        assertEquals(Provenance.version(), kv.get("gradgrid.version"));
        assertFalse(kv.get("gradgrid.version").contains("${"), "filtered: " + kv);
        assertEquals(spark.version(), kv.get("gradgrid.spark.version"));
        assertEquals(spark.version(), kv.get("org.apache.spark.version"), "Spark's own entry");
        assertEquals(ConfHash.of(spec.confJson()), kv.get("gradgrid.conf-sha256"));
        assertEquals(
            "rational",
            ConfigFactory.parseString(kv.get("gradgrid.function")).getString("builtin"));
        assertEquals(
            List.of(0.5, -1.2, -0.8, 0.4, 0.05, -0.01),
            ConfigFactory.parseString(kv.get("gradgrid.inputs")).getDoubleList("alpha"));
        assertTrue(kv.get("gradgrid.parameters").contains("alpha"), kv.get("gradgrid.parameters"));
        assertEquals(
            "gzip",
            ConfigFactory.parseString(kv.get("gradgrid.conf")).getString("output.compression"));
        assertTrue(kv.containsKey("org.apache.spark.sql.parquet.row.metadata"), "Spark's schema");
      }
    }
    assertEquals(301, rows);
    // Spark and gradgrid's own reader (which checks the stamped sizes against the manifest).
    assertEquals(301, new SweepOutput("z", spec.output()).read(spark).count());
    assertEquals(301, spark.read().parquet(out.toString()).count());
  }

  @Test
  void anOutputOfTheOldLayoutIsStillReadAndReplaced() throws Exception {
    SweepSpec spec = SmallSweeps.run(dir, conf("out/old", null, "error"));
    Path out = dir.resolve("out/old");
    // The layout before _gradgrid/: manifest, summary and _SUCCESS beside the data, .crc files.
    Files.move(out.resolve(Manifest.FILE_NAME), out.resolve(Manifest.OLD_FILE_NAME));
    Files.move(
        out.resolve(gradgrid.job.parquet.SweepSummary.FILE_NAME),
        out.resolve(gradgrid.job.parquet.SweepSummary.OLD_FILE_NAME));
    Files.delete(out.resolve(Manifest.META_DIR));
    Files.createFile(out.resolve("_SUCCESS"));
    Files.createFile(out.resolve("._SUCCESS.crc"));
    SparkSession spark = SparkTestSession.get();
    assertEquals(301, new SweepOutput("old", spec.output()).read(spark).count());
    assertEquals(
        301,
        gradgrid.job.parquet.SweepSummary.read(
                org.apache.hadoop.fs.FileSystem.getLocal(new Configuration()),
                new org.apache.hadoop.fs.Path(out.toString()))
            .rows());

    SmallSweeps.run(dir, conf("out/old", null, "overwrite"));
    assertTrue(Files.isRegularFile(out.resolve(Manifest.FILE_NAME)), "replaced: the new layout");
    assertFalse(Files.exists(out.resolve(Manifest.OLD_FILE_NAME)));
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void aResumeWithAnotherCodecIsRefusedAndTheSameCodecResumes() throws Exception {
    SweepSpec spec = SmallSweeps.spec(dir, conf("out/r", null, "resume"));
    OutputPaths paths = OutputPaths.of(spec.output(), new Configuration());
    try (OutputCommit run =
        OutputCommit.open(paths, WriteMode.RESUME, spec.confJson(), 301, "snappy")) {
      run.commit(List.of(), Map.of()); // an (empty) chunk: the run is unfinished, resumable
    }
    ConfException e =
        assertThrows(
            ConfException.class,
            () -> OutputCommit.open(paths, WriteMode.RESUME, spec.confJson(), 301, "zstd").close());
    assertTrue(e.getMessage().startsWith("output.compression: "), e.getMessage());
    assertTrue(
        e.getMessage().contains("snappy") && e.getMessage().contains("zstd"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    try (OutputCommit same =
        OutputCommit.open(paths, WriteMode.RESUME, spec.confJson(), 301, "snappy")) {
      assertEquals(1, same.chunks().size(), "the same codec resumes the run");
    }
  }
}
