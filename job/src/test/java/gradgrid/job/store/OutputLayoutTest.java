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
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output directory as other readers see it: only Parquet files at the top level (gradgrid's own
 * files in {@code _gradgrid/}, no {@code _SUCCESS}, no {@code .crc}), and only Parquet files of one
 * schema below it, read by DuckDB with a plain glob and a recursive one, by parquet-java's own
 * reader, whose footers carry the sweep's provenance and the conf's codec, and by Polars' directory
 * scan; outputs of the two earlier layouts are still read and replaced; and a resume that would mix
 * codecs is refused.
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
    assertEveryFileBelowIsParquetOfOneSchema(out, 301);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT count(*) FROM read_parquet('" + out + "/**/*.parquet')")) {
      assertTrue(r.next());
      assertEquals(301, r.getLong(1), "DuckDB's count over every Parquet file below " + out);
    }
    // Spark and gradgrid's own reader (which checks the stamped sizes against the manifest).
    assertEquals(301, new SweepOutput("z", spec.output()).read(spark).count());
    assertEquals(301, spark.read().parquet(out.toString()).count());
  }

  @Test
  void polarsScansTheBareDirectory() throws Exception {
    Path polars = Polars.installed();
    SmallSweeps.run(dir, conf("out/p s", null, "error"));
    String counted =
        Polars.run(
            polars,
            "const df = pl.scanParquet(process.env.DIR).select("
                + "pl.len().alias('n'), pl.col('x').min().alias('lo'), pl.col('x').max().alias('hi'))"
                + ".collectSync(); console.log([df.getColumn('n').get(0), df.getColumn('lo').get(0),"
                + " df.getColumn('hi').get(0)].join(' '));",
            dir.resolve("out/p s"));
    assertEquals("301 -1 1", counted, "Polars' scan_parquet of the directory itself");
  }

  /**
   * Every file below {@code out}, in every sub-directory, is a non-empty Parquet file with the
   * first part file's schema (Polars' rule for a directory: one extension throughout), and their
   * rows add up to {@code rows}: gradgrid's own files hold none.
   */
  private static void assertEveryFileBelowIsParquetOfOneSchema(Path out, long rows)
      throws Exception {
    List<Path> all;
    try (var below = Files.walk(out)) {
      all = below.filter(Files::isRegularFile).sorted().toList();
    }
    assertTrue(all.stream().anyMatch(p -> p.endsWith(Manifest.FILE_NAME)), all.toString());
    MessageType schema = null;
    long total = 0;
    for (Path p : all) {
      assertTrue(p.getFileName().toString().endsWith(".parquet"), p.toString());
      try (ParquetFileReader r =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(p.toString()), new Configuration()),
              ParquetReadOptions.builder().build())) {
        MessageType s = r.getFooter().getFileMetaData().getSchema();
        if (schema == null) {
          schema = s;
        }
        assertEquals(schema, s, p.toString());
        total += r.getRecordCount();
      }
    }
    assertEquals(rows, total);
  }

  @Test
  void gradgridsOwnFilesHoldTheirJsonInAFooterAndNoRows() throws Exception {
    SmallSweeps.run(dir, conf("out/m", null, "error"));
    org.apache.hadoop.fs.FileSystem fs =
        org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(dir.resolve("out/m").toString());
    Manifest m = Manifest.read(fs, out);
    assertEquals(301, m.rows());
    assertEquals(3, m.files().size());
    assertTrue(MetaFile.read(fs, out, MetaFile.SUMMARY).contains("\"wallSeconds\""));
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(out, Manifest.FILE_NAME), fs.getConf()),
            ParquetReadOptions.builder().build())) {
      assertEquals(0, r.getRecordCount());
      assertEquals(0, r.getFooter().getBlocks().size());
      String json = r.getFooter().getFileMetaData().getKeyValueMetaData().get("gradgrid.manifest");
      assertTrue(json.contains("\"rows\" : 301"), json);
    }
    // A file gradgrid names but whose footer lacks its entry is an error, not a missing manifest.
    MetaFile.write(fs, out, "other", "{}", null);
    java.nio.file.Files.move(
        dir.resolve("out/m").resolve(MetaFile.path("other")),
        dir.resolve("out/m").resolve(Manifest.FILE_NAME),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> Manifest.read(fs, out));
    assertTrue(e.getMessage().contains("no 'gradgrid.manifest' entry"), e.getMessage());
  }

  @Test
  void anOutputOfTheJsonLayoutIsStillReadAndReplaced() throws Exception {
    SweepSpec spec = SmallSweeps.run(dir, conf("out/json", null, "error"));
    Path out = dir.resolve("out/json");
    // The layout before this one: _gradgrid/manifest.json and _gradgrid/summary.json.
    toJson(out, MetaFile.MANIFEST, MetaFile.jsonPath(MetaFile.MANIFEST));
    toJson(out, MetaFile.SUMMARY, MetaFile.jsonPath(MetaFile.SUMMARY));
    SparkSession spark = SparkTestSession.get();
    assertEquals(301, new SweepOutput("json", spec.output()).read(spark).count());
    SmallSweeps.run(dir, conf("out/json", null, "overwrite"));
    assertTrue(Files.isRegularFile(out.resolve(Manifest.FILE_NAME)), "replaced: the new layout");
    assertFalse(Files.exists(out.resolve(MetaFile.jsonPath(MetaFile.MANIFEST))));
  }

  /** Replaces gradgrid's file {@code name} of {@code out} by its JSON text at {@code to}. */
  private static void toJson(Path out, String name, String to) throws Exception {
    org.apache.hadoop.fs.FileSystem fs =
        org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
    String text = MetaFile.read(fs, new org.apache.hadoop.fs.Path(out.toString()), name);
    Files.writeString(out.resolve(to), text);
    Files.delete(out.resolve(MetaFile.path(name)));
  }

  @Test
  void anOutputOfTheOldLayoutIsStillReadAndReplaced() throws Exception {
    SweepSpec spec = SmallSweeps.run(dir, conf("out/old", null, "error"));
    Path out = dir.resolve("out/old");
    // The layout before _gradgrid/: manifest, summary and _SUCCESS beside the data, .crc files.
    toJson(out, MetaFile.MANIFEST, MetaFile.oldName(MetaFile.MANIFEST));
    toJson(out, MetaFile.SUMMARY, MetaFile.oldName(MetaFile.SUMMARY));
    Files.delete(out.resolve(MetaFile.DIR));
    Files.createFile(out.resolve("_SUCCESS"));
    Files.createFile(out.resolve("._SUCCESS.crc"));
    SparkSession spark = SparkTestSession.get();
    assertEquals(301, new SweepOutput("old", spec.output()).read(spark).count());
    assertEquals(
        301,
        gradgrid.job.parquet.SweepSummary.parse(
                MetaFile.read(
                    org.apache.hadoop.fs.FileSystem.getLocal(new Configuration()),
                    new org.apache.hadoop.fs.Path(out.toString()),
                    MetaFile.SUMMARY))
            .rows());

    SmallSweeps.run(dir, conf("out/old", null, "overwrite"));
    assertTrue(Files.isRegularFile(out.resolve(Manifest.FILE_NAME)), "replaced: the new layout");
    assertFalse(Files.exists(out.resolve(MetaFile.oldName(MetaFile.MANIFEST))));
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
