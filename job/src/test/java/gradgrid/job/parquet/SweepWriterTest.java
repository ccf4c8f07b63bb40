package gradgrid.job.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet encodings: dictionaries only where values repeat. */
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
}
