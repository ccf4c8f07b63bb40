package gradgrid.job.extrema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.cli.ExtremaMain;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPoint;
import gradgrid.job.grid.Axis;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.store.ConfHash;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extrema of a polynomial with known critical points: the rational built-in with beta = 0 is f =
 * P(x), and P is built from P'(x) = c (x - r1)(x - r2)(x - r3)(x - r4).
 */
class ExtremaTest {
  @TempDir Path dir;

  /** x on [-4, 4], 801 points, 4 partitions: rows [0,201) [201,401) [401,601) [601,801). */
  private static final String GRID =
      "inputs.x { from = -4, to = 4, points = 801 }\npartitions = 4\n"
          + "outputs = [f, \"f'\"]\noutput.dir = poly\n";

  @Test
  void findsEveryCriticalPointIncludingOnePartitionAndOneBucketBoundary() {
    Axis x = SmallSweeps.spec(dir, conf(new double[] {0, 0, 0, 0, 0, 0})).grid().axes().get(0);
    // r3 is the first x of partition 2 (row 401); r4 = 2 is where x bucket 3 of 4 starts.
    double[] roots = {-3, -1.05, x.value(401), 2.0};
    double c = 0.1;
    double[] dp = {c};
    for (double r : roots) {
      dp = times(dp, -r);
    }
    double[] alpha = new double[6];
    alpha[0] = 0.5;
    for (int k = 0; k < dp.length; k++) {
      alpha[k + 1] = dp[k] / (k + 1);
    }
    SweepSpec spec = SmallSweeps.run(dir, conf(alpha));
    SparkSession spark = SparkTestSession.get();

    List<CriticalPoint> found =
        Extrema.find(
            spark.read().parquet(spec.output()),
            "x",
            "df_dx",
            SweepFunction.of(spec, SmallSweeps.providers()),
            4);

    assertEquals(roots.length, found.size(), found.toString());
    for (int k = 0; k < roots.length; k++) {
      CriticalPoint p = found.get(k);
      assertEquals(roots[k], p.x(), 1e-10, "root " + k);
      assertTrue(Math.abs(p.d1()) < 1e-12, "|f'| at root " + k + " = " + p.d1());
      // f''(r_k) = c * prod_{j != k} (r_k - r_j)
      double d2 = c;
      for (int j = 0; j < roots.length; j++) {
        d2 *= j == k ? 1 : roots[k] - roots[j];
      }
      assertEquals(d2, p.d2(), 1e-9 * Math.max(1, Math.abs(d2)));
      assertEquals(d2 > 0 ? "minimum" : "maximum", p.kind());
    }
  }

  @Test
  void mainPrintsTheTableAndSavesParquet() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(dir, SmallSweeps.SEED + GRID.replace("-4", "-10").replace("= 4,", "= 10,"));
    SparkSession spark = SparkTestSession.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SweepOutput output = new SweepOutput("poly", spec.output());
    int code =
        ExtremaMain.run(
                spark,
                output,
                spec,
                SmallSweeps.providers(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err)
            .code();
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    // The seed function has 5 local extrema on [-10, 10] (3 maxima, 2 minima).
    assertTrue(text.contains("5 local extrema counted (3 maxima, 2 minima)"), text);
    assertEquals(5, output.extrema().read(spark).count(), "saved through the output commit");
    // A second run replaces the extrema output it wrote.
    assertEquals(
        0,
        ExtremaMain.run(
                spark,
                output,
                spec,
                SmallSweeps.providers(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err)
            .code());
    assertEquals(5, output.extrema().read(spark).count());
    // the sweep's codec (zstd by default) and provenance in every footer, as a sweep's files have
    List<Path> parts;
    try (Stream<Path> s = Files.list(Path.of(URI.create(output.extrema().location())))) {
      parts = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
    }
    assertEquals(1, parts.size(), parts.toString());
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(parts.get(0).toString()), new Configuration()),
            ParquetReadOptions.builder().build())) {
      for (ColumnChunkMetaData col : r.getFooter().getBlocks().get(0).getColumns()) {
        assertEquals(CompressionCodecName.ZSTD, col.getCodec(), col.getPath().toString());
      }
      Map<String, String> kv = r.getFooter().getFileMetaData().getKeyValueMetaData();
      assertEquals(Provenance.version(), kv.get("gradgrid.version"), kv.toString());
      assertEquals(ConfHash.of(spec.confJson()), kv.get("gradgrid.conf-sha256"));
    }
  }

  @Test
  void aStrangersDirectoryNamedLikeTheExtremaOutputIsNeverReplaced() throws Exception {
    SweepSpec spec =
        SmallSweeps.run(dir, SmallSweeps.SEED + GRID.replace("-4", "-10").replace("= 4,", "= 10,"));
    SweepOutput output = new SweepOutput("poly", spec.output());
    Path stranger =
        Path.of(new org.apache.hadoop.fs.Path(output.extrema().location()).toUri().getPath());
    Files.createDirectories(stranger.resolve(".git"));
    Files.writeString(stranger.resolve("thesis.tex"), "keep me");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ExtremaMain.run(
                SparkTestSession.get(),
                output,
                spec,
                SmallSweeps.providers(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .code();
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertTrue(text.contains("nothing was deleted"), text);
    assertEquals("keep me", Files.readString(stranger.resolve("thesis.tex")));
    assertTrue(Files.isDirectory(stranger.resolve(".git")));
  }

  @Test
  void textExpressionSweepOverAnotherInputName() {
    // f(t, k) = (t^2 - k0)^2 + k1 with k = [2, 1]: f' = 4 t (t^2 - 2) = 0 at t = -sqrt 2, 0,
    // sqrt 2 (0 is grid row 200, where f' is exactly 0 between opposite signs); f'' = 12 t^2 - 8
    // gives minima (f'' = 16, f = 1) at +-sqrt 2 and a maximum (f'' = -8, f = 5) at 0.
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            "function = \"(t^2 - k[0])^2 + k[1]\"\n"
                + "inputs {\n  t { from = -2, to = 2, points = 401 }\n  k = [2, 1]\n}\n"
                + "outputs = [f, \"df/dt\"]\noutput.dir = quartic\npartitions = 3\n");
    SparkSession spark = SparkTestSession.get();
    List<CriticalPoint> found =
        Extrema.find(
            spark.read().parquet(spec.output()),
            "t",
            "df_dt",
            SweepFunction.of(spec, SmallSweeps.providers()),
            4);
    double s = Math.sqrt(2);
    double[][] expected = {{-s, 1, 16}, {0, 5, -8}, {s, 1, 16}};
    assertEquals(expected.length, found.size(), found.toString());
    for (int k = 0; k < expected.length; k++) {
      CriticalPoint p = found.get(k);
      assertEquals(expected[k][0], p.x(), 1e-10, "t of point " + k);
      assertEquals(expected[k][1], p.f(), 1e-10, "f at point " + k);
      assertEquals(expected[k][2], p.d2(), 1e-9, "f'' at point " + k);
      assertTrue(Math.abs(p.d1()) < 1e-12, "|f'| at point " + k + " = " + p.d1());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ExtremaMain.run(
                spark,
                new SweepOutput("quartic", spec.output()),
                spec,
                SmallSweeps.providers(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err)
            .code();
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    assertTrue(text.contains("3 local extrema counted (1 maxima, 2 minima)"), text);
  }

  private static String conf(double[] alpha) {
    StringBuilder a = new StringBuilder();
    for (double v : alpha) {
      a.append(a.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", v));
    }
    return "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
        + "inputs.alpha = ["
        + a
        + "]\ninputs.beta = [0, 0, 0, 0, 0, 0]\n"
        + GRID;
  }

  /** Coefficients (lowest first) of p(x) * (x + a). */
  private static double[] times(double[] p, double a) {
    double[] out = new double[p.length + 1];
    for (int i = 0; i < p.length; i++) {
      out[i] += p[i] * a;
      out[i + 1] += p[i];
    }
    return out;
  }
}
