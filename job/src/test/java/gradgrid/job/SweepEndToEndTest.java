package gradgrid.job;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import gradgrid.ad.Fn;
import gradgrid.ad.testing.RationalClosedForm;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.run.AdEvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.RationalProvider;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.store.Manifest;
import gradgrid.job.store.MetaFile;
import gradgrid.job.store.OutputGuard;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed sweep at a small size in local mode: written with Spark, read back with Spark SQL, and
 * every value compared with the closed forms of DESIGN.md (never with the AD output itself).
 */
class SweepEndToEndTest {
  private static final double[] ALPHA = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
  private static final String FUNCTION =
      "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
          + "inputs.alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n"
          + "inputs.beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n";

  @TempDir Path dir;

  private final FunctionProviders providers = FunctionProviders.of(new RationalProvider());

  private SweepSpec spec(String text) {
    return new SweepConfLoader(providers, dir).parse(ConfigFactory.parseString(text), "t");
  }

  /** A shipped conf from conf/, shrunk by {@code overrides} (HOCON merged over the file). */
  private SweepSpec shipped(String file, String overrides) {
    Path root = Path.of(System.getProperty("gradgrid.project.root", ".."));
    Config c =
        ConfigFactory.parseString(overrides)
            .withFallback(ConfigFactory.parseFile(root.resolve(file).toFile()))
            .resolve();
    return new SweepConfLoader(providers, dir).parse(c, "t");
  }

  private SweepSummary run(SweepSpec spec) throws IOException {
    OutputGuard.check(spec);
    return SweepToParquet.run(SparkTestSession.get(), spec, providers.evaluator(spec), System.out);
  }

  /** The value of a fixed input, by parameter position. */
  private static double[] fixed(SweepSpec spec, int param) {
    return ((InputBinding.Fixed) spec.inputs().get(param)).value();
  }

  @Test
  void seedConfAtSmallSizeMatchesClosedFormsRowByRow() throws Exception {
    // conf/seed.conf with x on 61 points of [-3, 3] (x = 0 included: the exact integer-power rule
    // keeps f', f'' finite there); its coefficients and outputs as shipped.
    SweepSpec spec =
        shipped(
            "conf/seed.conf",
            "inputs.x { from = -3, to = 3, points = 61 }\n"
                + "output { dir = seed, mode = error }\npartitions = 3\nbatch-size = 7\n");
    assertArrayEquals(ALPHA, fixed(spec, 1), "the test's copy of the coefficients");
    assertArrayEquals(BETA, fixed(spec, 2));
    SweepSummary summary = run(spec);
    assertEquals(61, summary.rows());
    assertEquals(-3.0, summary.column("x").get("min"));
    assertEquals(3.0, summary.column("x").get("max"));
    assertEquals(0L, summary.column("grad_beta").get("nan"));
    assertTrue(Files.exists(dir.resolve("seed/" + MetaFile.path(MetaFile.SUMMARY))));
    // The top level holds only the data files and _gradgrid/: no _SUCCESS, no .crc files.
    try (var top = Files.list(dir.resolve("seed"))) {
      List<String> odd =
          top.map(p -> p.getFileName().toString())
              .filter(n -> !n.endsWith(".parquet") && !n.equals(MetaFile.DIR))
              .toList();
      assertEquals(List.of(), odd, "non-Parquet names beside the data files");
    }

    SparkSession spark = SparkTestSession.get();
    spark.read().parquet(spec.output()).createOrReplaceTempView("seed_sweep");
    assertEquals(
        "x:double,f:double,df_dx:double,d2f_dx2:double,grad_alpha:array<double>,"
            + "grad_beta:array<double>",
        Arrays.stream(spark.table("seed_sweep").schema().fields())
            .map(f -> f.name() + ":" + f.dataType().simpleString())
            .reduce((a, b) -> a + "," + b)
            .orElseThrow());
    List<Row> rows =
        spark
            .sql("SELECT x, f, df_dx, d2f_dx2, grad_alpha, grad_beta FROM seed_sweep ORDER BY x")
            .collectAsList();
    assertEquals(61, rows.size());
    // The written values (compiled kernel, alpha and beta folded in) equal the reference
    // interpreter's of the unbound function (alpha and beta as arguments) at the same rows, bit
    // for bit.
    Fn unbound = ((AdEvaluatorFactory) providers.evaluator(spec)).plan().fn();
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      double x = row.getDouble(0);
      assertEquals(-3 + 6.0 * r / 60, x, 1e-12, "row " + r + " is the grid point");
      double[][] interpreted = unbound.call(new double[] {x}, ALPHA, BETA);
      String where = " (kernel with fixed inputs folded vs interpreter, bit for bit) at x=" + x;
      assertEquals(interpreted[0][0], row.getDouble(1), 0.0, "f" + where);
      assertEquals(interpreted[1][0], row.getDouble(2), 0.0, "f'" + where);
      assertEquals(interpreted[2][0], row.getDouble(3), 0.0, "f''" + where);
      for (int i = 0; i < 6; i++) {
        assertEquals(interpreted[3][i], row.<Double>getList(4).get(i), 0.0, "dalpha" + where);
        assertEquals(interpreted[4][i], row.<Double>getList(5).get(i), 0.0, "dbeta" + where);
      }
      RationalClosedForm c = new RationalClosedForm(x, ALPHA, BETA);
      String at = " at x=" + x;
      assertClose(c.f(), row.getDouble(1), 1e-12, "f" + at);
      assertClose(c.f1(), row.getDouble(2), 1e-11, "f'" + at);
      assertClose(c.f2(), row.getDouble(3), 1e-10, "f''" + at);
      List<Double> ga = row.getList(4);
      List<Double> gb = row.getList(5);
      for (int i = 0; i < 6; i++) {
        assertClose(c.dAlpha(i), ga.get(i), 1e-12, "df/dalpha_" + i + at);
        assertClose(c.dBeta(i), gb.get(i), 1e-11, "df/dbeta_" + i + at);
      }
    }
    // Vector elements are addressable in SQL (0-based with element_at(..) - 1 or [i]).
    Row at0 = spark.sql("SELECT grad_alpha[0], grad_beta[5] FROM seed_sweep WHERE x = 0").first();
    RationalClosedForm c0 = new RationalClosedForm(0, ALPHA, BETA);
    assertClose(c0.dAlpha(0), at0.getDouble(0), 1e-12, "grad_alpha[0] at 0");
    assertClose(c0.dBeta(5), at0.getDouble(1), 1e-12, "grad_beta[5] at 0");
  }

  @Test
  void coefficientConfWithHessianBlockEigenvaluesAndThirdDerivative() throws Exception {
    // conf/seed-coefficients.conf on a 3 x 4 grid, plus eigenvalues and f''' among the outputs.
    SweepSpec spec =
        shipped(
            "conf/seed-coefficients.conf",
            "inputs.\"alpha[1]\".points = 3\n"
                + "inputs.\"beta[1]\".points = 4\n"
                + "outputs = [f, \"grad(alpha)\", \"grad(beta)\", \"hessian(alpha, beta)\","
                + " \"eigenvalues(hessian(alpha, beta))\", \"d3f/dx3\"]\n"
                + "output { dir = coeff, mode = error }\npartitions = 5\nbatch-size = 2\n");
    assertEquals(1.5, fixed(spec, 0)[0]);
    assertEquals(12, run(spec).rows());
    SparkSession spark = SparkTestSession.get();
    spark.read().parquet(spec.output()).createOrReplaceTempView("coeff_sweep");
    List<Row> rows =
        spark
            .sql(
                "SELECT alpha_1, beta_1, f, flatten(hessian_alpha_beta),"
                    + " eigenvalues_hessian_alpha_beta, d3f_dx3, hessian_alpha_beta[2][3],"
                    + " grad_alpha, grad_beta FROM coeff_sweep")
            .collectAsList();
    assertEquals(12, rows.size());
    assertEquals(
        12, rows.stream().map(r -> r.getDouble(0) + "/" + r.getDouble(1)).distinct().count());
    for (Row row : rows) {
      double[] a = ALPHA.clone();
      double[] b = BETA.clone();
      a[1] = row.getDouble(0);
      b[1] = row.getDouble(1);
      RationalClosedForm c = new RationalClosedForm(1.5, a, b);
      String at = " at alpha_1=" + a[1] + " beta_1=" + b[1];
      assertClose(c.f(), row.getDouble(2), 1e-12, "f" + at);
      for (int i = 0; i < 6; i++) {
        assertClose(c.dAlpha(i), row.<Double>getList(7).get(i), 1e-12, "df/dalpha_" + i + at);
        assertClose(c.dBeta(i), row.<Double>getList(8).get(i), 1e-11, "df/dbeta_" + i + at);
      }
      List<Double> h = row.getList(3);
      assertEquals(36, h.size());
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          assertClose(c.dAlphaBeta(i, j), h.get(i * 6 + j), 1e-11, "H[" + i + "][" + j + "]" + at);
        }
      }
      assertClose(c.dAlphaBeta(2, 3), row.getDouble(6), 1e-11, "hessian[2][3] in SQL" + at);
      double[] ref =
          new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(c.coefficientHessian()))
              .getEigenvalues();
      Arrays.sort(ref);
      List<Double> ev = row.getList(4);
      double scale = Math.abs(ref[0]) + Math.abs(ref[11]);
      for (int i = 0; i < 12; i++) {
        assertEquals(ref[i], ev.get(i), 1e-10 * (1 + scale), "eigenvalue " + i + at);
      }
      // Third derivative vs a central difference of the closed-form f'' (step 1e-4).
      double h4 = 1e-4;
      double fd =
          (new RationalClosedForm(1.5 + h4, a, b).f2()
                  - new RationalClosedForm(1.5 - h4, a, b).f2())
              / (2 * h4);
      assertClose(fd, row.getDouble(5), 1e-6, "f'''" + at);
    }
  }

  @Test
  void nanAndInfinityAreStoredAndCounted() throws Exception {
    // At x = 1e70, x^5 overflows: P and Q^2 are infinite and f = inf/inf = NaN; no task fails.
    SweepSpec spec =
        spec(FUNCTION + "inputs.x { values = [1, 1e70] }\noutputs = [f]\noutput.dir = nan\n");
    SweepSummary summary = run(spec);
    assertEquals(1L, summary.column("f").get("nan"));
    Row r =
        SparkTestSession.get()
            .read()
            .parquet(spec.output())
            .selectExpr("count_if(isnan(f))", "count(1)")
            .first();
    assertEquals(1L, r.getLong(0));
    assertEquals(2L, r.getLong(1));
  }

  @Test
  void writeModesProtectExistingDirectories() throws Exception {
    String text = FUNCTION + "inputs.x { values = [1, 2] }\noutputs = [f]\noutput.dir = modes\n";
    SweepSpec first = spec(text);
    assertEquals(2, run(first).rows());
    // error (the default): refused before anything runs.
    assertThrows(ConfException.class, () -> OutputGuard.check(first));
    // overwrite: replaces a directory gradgrid wrote.
    SweepSpec again = spec(text + "output.mode = overwrite\n");
    assertEquals(2, run(again).rows());
    // overwrite never touches a stranger's directory.
    Path stranger = Files.createDirectories(dir.resolve("stranger"));
    Files.writeString(stranger.resolve("notes.txt"), "keep me");
    SweepSpec bad =
        spec(FUNCTION + "inputs.x = 1\noutputs = [f]\noutput { dir = stranger, mode = overwrite }");
    ConfException e = assertThrows(ConfException.class, () -> OutputGuard.check(bad));
    assertTrue(e.getMessage().contains("gradgrid did not write it"), e.getMessage());
    assertEquals("keep me", Files.readString(stranger.resolve("notes.txt")));
  }

  @Test
  void outputDirectoriesWithSpacesPercentHashAndUnicodeAreWrittenExactlyThere() throws Exception {
    for (String name : List.of("a b", "p%41q", "h#1", "\u00fcn\u00ef \u03b1", "a%20b")) {
      String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"");
      SweepSpec spec =
          spec(
              FUNCTION
                  + "inputs.x { values = [1, 2, 3] }\noutputs = [f]\noutput.dir = \"odd/"
                  + escaped
                  + "\"\n");
      assertEquals(3, run(spec).rows(), name);
      Path out = dir.resolve("odd").resolve(name);
      assertTrue(Files.exists(out.resolve(Manifest.FILE_NAME)), "written to " + out);
      assertEquals(
          3, new SweepOutput("odd", spec.output()).read(SparkTestSession.get()).count(), name);
    }
    try (Stream<Path> s = Files.list(dir.resolve("odd"))) {
      assertEquals(
          Set.of("a b", "p%41q", "h#1", "\u00fcn\u00ef \u03b1", "a%20b"),
          s.map(p -> p.getFileName().toString())
              .filter(n -> !n.startsWith("."))
              .collect(Collectors.toSet()),
          "each output where its conf says, and nowhere else");
    }
  }

  @Test
  void aLongListAxisIsSummarisedNotCopiedIntoTheSummary() throws Exception {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      values.append(i == 0 ? "" : ", ").append(i * 0.001);
    }
    SweepSpec spec =
        spec(
            FUNCTION
                + "inputs.x { values = ["
                + values
                + "] }\noutputs = [f]\noutput.dir = long\n");
    assertEquals(20_000, run(spec).rows());
    Path summary = dir.resolve("long").resolve(MetaFile.path(MetaFile.SUMMARY));
    assertTrue(Files.size(summary) < 20_000, Files.size(summary) + " bytes");
    String text =
        MetaFile.read(
            org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()),
            new org.apache.hadoop.fs.Path(dir.resolve("long").toString()),
            MetaFile.SUMMARY);
    assertTrue(text.contains("\"length\" : 20000"), text);
    assertTrue(text.contains("\"last\" : 19.999"), text);
  }
}
