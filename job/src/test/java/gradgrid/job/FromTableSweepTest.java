package gradgrid.job;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.cli.SqlViews;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.frame.Gradgrid;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inputs.from-table}: a table of coefficient vectors swept over an x axis, written through
 * the output commit. Values against the closed forms of the worked example, the table's columns
 * carried through, nulls, partitioning, the output's identity (its table's files), a sampled
 * product, a catalog table, the live view, and each refusal (one paragraph, nothing written).
 */
class FromTableSweepTest {
  private static final String FUNCTION = "function { builtin = rational, deg-p = 5, deg-q = 5 }\n";
  private static final int ROWS = 7;
  private static final int X_POINTS = 5;

  @TempDir Path dir;

  private final SparkSession spark = SparkTestSession.get();

  /** A table of {@code n} rows: id, label, alpha (6), beta (6), seeded coefficients near seed's. */
  private Path table(String name, int n, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] a = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
      double[] b = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
      for (int k = 0; k < 6; k++) {
        a[k] *= 0.5 + r.nextDouble();
        b[k] *= 0.5 + r.nextDouble();
      }
      rows.add(RowFactory.create((long) i, "row " + i, boxed(a), boxed(b)));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType, false)
            .add("label", DataTypes.StringType, false)
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
            .add("beta", DataTypes.createArrayType(DataTypes.DoubleType, true), true);
    Path p = dir.resolve(name);
    spark.createDataFrame(rows, schema).repartition(2).write().parquet(p.toString());
    return p;
  }

  /** The table {@code t} with other columns ({@code selectExpr}), written as {@code name}. */
  private Path variant(Path t, String name, String... columns) {
    Path p = dir.resolve(name);
    spark.read().parquet(t.toString()).selectExpr(columns).write().parquet(p.toString());
    return p;
  }

  private static Double[] boxed(double[] v) {
    return Arrays.stream(v).boxed().toArray(Double[]::new);
  }

  private String conf(Path table, String more) {
    return FUNCTION
        + "inputs {\n  from-table = \""
        + table
        + "\"\n  x { from = -2, to = 2, points = "
        + X_POINTS
        + " }\n}\n"
        + "outputs = [f, \"f'\", \"grad(alpha)\"]\n"
        + "output.dir = \""
        + dir.resolve("out")
        + "\"\n"
        + more;
  }

  private SweepSummary run(SweepSpec spec, PrintStream out) throws IOException {
    return SweepToParquet.run(spark, spec, SmallSweeps.providers().evaluator(spec), out);
  }

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void everyTableRowAtEveryXMatchesTheClosedFormsAndCarriesItsColumns() throws Exception {
    Path t = table("coefficient draws", ROWS, 1); // a space in the path
    SweepSpec spec = SmallSweeps.spec(dir, conf(t, "partitions = 3\n"));
    SweepSummary summary = run(spec, QUIET);
    assertEquals(ROWS * X_POINTS, summary.rows());
    Dataset<Row> out = spark.read().parquet(spec.output());
    assertEquals(
        List.of("id", "label", "alpha", "beta", "x", "f", "df_dx", "grad_alpha"),
        Arrays.asList(out.columns()));
    List<Row> rows = out.orderBy("id", "x").collectAsList();
    assertEquals(ROWS * X_POINTS, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      assertEquals(i / X_POINTS, r.getLong(0), "each table row at every x");
      assertEquals("row " + r.getLong(0), r.getString(1), "carried through");
      double x = r.getDouble(4);
      assertEquals(-2 + (i % X_POINTS), x, 0.0, "the x axis");
      double[] a = doubles(r.getList(2));
      double[] b = doubles(r.getList(3));
      double p = poly(a, x);
      double q = poly(b, x);
      double dp = dpoly(a, x);
      double dq = dpoly(b, x);
      double den = 1 + q * q;
      assertClose(p / den, r.getDouble(5), 1e-12, "f at row " + i);
      assertClose((dp * den - 2 * p * q * dq) / (den * den), r.getDouble(6), 1e-12, "f'");
      double[] g = doubles(r.getList(7));
      for (int k = 0; k < 6; k++) {
        assertClose(Math.pow(x, k) / den, g[k], 1e-12, "df/dalpha_" + k + " at row " + i);
      }
    }
    // Gradgrid.evaluate on the same table and x values: the same kernel, bit for bit
    Dataset<Row> byHand =
        Gradgrid.evaluate(
            spark
                .read()
                .parquet(t.toString())
                .crossJoin(spark.range(X_POINTS).selectExpr("cast(id - 2 as double) as x")),
            SmallSweeps.providers().traced(spec),
            "f",
            "f'",
            "grad(alpha)");
    List<Row> expected = byHand.orderBy("id", "x").collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(expected.get(i).getDouble(5), rows.get(i).getDouble(5), 0.0, "f bit for bit");
      assertEquals(expected.get(i).getDouble(6), rows.get(i).getDouble(6), 0.0, "f' bit for bit");
    }
    assertEquals(-2.0, summary.column("x").get("min"));
    assertEquals(2.0, summary.column("x").get("max"));
  }

  @Test
  void withoutAxesEachTableRowIsOnePoint() throws Exception {
    Path t = table("coefficients", ROWS, 8);
    String text =
        FUNCTION
            + "inputs { from-table = \""
            + t
            + "\"\n x = 1.5 }\noutputs = [f, \"grad(beta)\"]\noutput.dir = \""
            + dir.resolve("out")
            + "\"\n";
    SweepSpec spec = SmallSweeps.spec(dir, text);
    assertEquals(ROWS, run(spec, QUIET).rows());
    Dataset<Row> out = spark.read().parquet(spec.output());
    assertEquals(
        List.of("id", "label", "alpha", "beta", "f", "grad_beta"), Arrays.asList(out.columns()));
    for (Row r : out.collectAsList()) {
      double p = poly(doubles(r.getList(2)), 1.5);
      double q = poly(doubles(r.getList(3)), 1.5);
      double den = 1 + q * q;
      assertClose(p / den, r.getDouble(4), 1e-12, "f of draw " + r.getLong(0));
      double[] g = doubles(r.getList(5));
      for (int k = 0; k < 6; k++) {
        // df/dbeta_k = -2 P Q x^k / (1 + Q^2)^2
        assertClose(-2 * p * q * Math.pow(1.5, k) / (den * den), g[k], 1e-12, "df/dbeta_" + k);
      }
    }
  }

  /**
   * A {@code critical-points} output over a table's rows: each draw's extrema equal those of a grid
   * sweep over the same coefficients (alpha[1] x beta[1] axes, the other elements fixed), which
   * reads them in another kernel layout, so a column bound to the wrong kernel input shows; so do a
   * table binding alpha alone times the conf's beta[1] axis; a null draw has a null map.
   */
  @Test
  void criticalPointsOfEachTableRowEqualAGridSweepOverTheSameCoefficients() throws Exception {
    String seed =
        "  alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n  beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n";
    String outputs = "outputs = [f, \"critical-points(x, -10, 10, 2001)\"]\n";
    Path grid = dir.resolve("grid");
    SweepSpec gridSpec =
        SmallSweeps.spec(
            dir,
            FUNCTION
                + "inputs {\n  x = 1.5\n"
                + seed
                + "  \"alpha[1]\" { from = -3, to = 3, points = 3 }\n"
                + "  \"beta[1]\" { from = -2, to = 2, points = 3 }\n}\n"
                + outputs
                + "output.dir = \""
                + grid
                + "\"\n");
    run(gridSpec, QUIET);
    List<Row> rows = new ArrayList<>();
    for (double a1 : new double[] {-3, 0, 3}) {
      for (double b1 : new double[] {-2, 0, 2}) {
        Double[] a = {0.5, a1, -0.8, 0.4, 0.05, -0.01};
        Double[] b = {0.3, b1, 0.1, 0.08, -0.01, 0.001};
        rows.add(RowFactory.create("a1 " + a1 + " b1 " + b1, a, b));
      }
    }
    rows.add(
        RowFactory.create("no alpha", null, new Double[] {0.3, -0.6, 0.1, 0.08, -0.01, 0.001}));
    StructType schema =
        new StructType()
            .add("draw", DataTypes.StringType, false)
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
            .add("beta", DataTypes.createArrayType(DataTypes.DoubleType, true), true);
    Path t = dir.resolve("plane draws");
    spark.createDataFrame(rows, schema).repartition(3).write().parquet(t.toString());
    SweepSpec spec =
        SmallSweeps.spec(
            dir,
            FUNCTION
                + "inputs { from-table = \""
                + t
                + "\"\n x = 1.5 }\n"
                + outputs
                + "partitions = 2\noutput.dir = \""
                + dir.resolve("out")
                + "\"\n");
    assertEquals(10, run(spec, QUIET).rows());
    Dataset<Row> out = spark.read().parquet(spec.output());
    assertEquals(
        List.of("draw", "alpha", "beta", "f", "critical_points_x"), Arrays.asList(out.columns()));
    List<Row> expected =
        spark
            .read()
            .parquet(grid.toString())
            .selectExpr("concat('a1 ', alpha_1, ' b1 ', beta_1) AS draw", "f", "critical_points_x")
            .orderBy("draw")
            .collectAsList();
    List<Row> got =
        out.where("alpha IS NOT NULL")
            .select("draw", "f", "critical_points_x")
            .orderBy("draw")
            .collectAsList();
    assertSameExtrema(expected, got);
    Row none = out.where("alpha IS NULL").first();
    assertTrue(none.isNullAt(none.fieldIndex("critical_points_x")), "a null draw has no map");
    assertTrue(none.isNullAt(none.fieldIndex("f")));

    // a table binding alpha only, times the conf's beta[1] axis: kernel columns of both kinds
    List<Row> alphas = new ArrayList<>();
    for (double a1 : new double[] {-3, 0, 3}) {
      alphas.add(RowFactory.create((Object) new Double[] {0.5, a1, -0.8, 0.4, 0.05, -0.01}));
    }
    Path at = dir.resolve("alpha draws");
    spark
        .createDataFrame(
            alphas,
            new StructType()
                .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType, false), false))
        .write()
        .parquet(at.toString());
    SweepSpec mixed =
        SmallSweeps.spec(
            dir,
            FUNCTION
                + "inputs { from-table = \""
                + at
                + "\"\n x = 1.5\n beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n"
                + " \"beta[1]\" { from = -2, to = 2, points = 3 } }\n"
                + outputs
                + "output.dir = \""
                + dir.resolve("out mixed")
                + "\"\n");
    assertEquals(9, run(mixed, QUIET).rows());
    assertSameExtrema(
        expected,
        spark
            .read()
            .parquet(mixed.output())
            .selectExpr("concat('a1 ', alpha[1], ' b1 ', beta_1) AS draw", "f", "critical_points_x")
            .orderBy("draw")
            .collectAsList());
  }

  /** Rows of (draw, f, critical-point map): the same draws, f and extrema (x to 1e-10). */
  private static void assertSameExtrema(List<Row> expected, List<Row> got) {
    assertEquals(9, got.size());
    int extrema = 0;
    for (int i = 0; i < got.size(); i++) {
      Row e = expected.get(i);
      Row g = got.get(i);
      assertEquals(e.getString(0), g.getString(0));
      assertClose(e.getDouble(1), g.getDouble(1), 1e-12, "f of " + g.getString(0));
      Row em = e.getStruct(2);
      Row gm = g.getStruct(2);
      String what = "the extrema of " + g.getString(0);
      assertEquals(em.getInt(0), gm.getInt(0), what + ": maxima");
      assertEquals(em.getInt(1), gm.getInt(1), what + ": minima");
      double[] ex = doubles(em.getList(2));
      double[] gx = doubles(gm.getList(2));
      assertEquals(ex.length, gx.length, what);
      for (int k = 0; k < ex.length; k++) {
        assertClose(ex[k], gx[k], 1e-10, what + ": x of extremum " + k);
      }
      assertEquals(em.getList(4), gm.getList(4), what + ": signs of f''");
      extrema += gx.length;
    }
    assertTrue(extrema >= 9 * 3, "every draw has extrema to compare: " + extrema);
  }

  @Test
  void partitionsOfAnySizeGiveTheSameRows() throws Exception {
    Path t = table("coefficient draws", ROWS, 2);
    List<List<Row>> results = new ArrayList<>();
    for (int partitions : new int[] {1, 3, 7}) {
      Path out = dir.resolve("out " + partitions);
      // the last run reads the same files through a glob
      Path from = partitions == 7 ? t.resolve("part-*.parquet") : t;
      SweepSpec spec =
          SmallSweeps.spec(
              dir, conf(from, "partitions = " + partitions + "\noutput.dir = \"" + out + "\"\n"));
      run(spec, QUIET);
      results.add(spark.read().parquet(out.toString()).orderBy("id", "x").collectAsList());
    }
    assertEquals(results.get(0), results.get(1));
    assertEquals(results.get(0), results.get(2));
  }

  @Test
  void aNullInputGivesNullOutputsAndANanStaysNan() throws Exception {
    StructType schema =
        new StructType()
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
            .add("beta", DataTypes.createArrayType(DataTypes.DoubleType, true), true);
    Double[] b = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
    List<Row> rows =
        List.of(
            RowFactory.create(null, b),
            RowFactory.create(new Double[] {Double.NaN, 0.0, 0.0, 0.0, 0.0, 0.0}, b));
    Path t = dir.resolve("nulls");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(t.toString());
    SweepSpec spec = SmallSweeps.spec(dir, conf(t, ""));
    SweepSummary summary = run(spec, QUIET);
    assertEquals(2L * X_POINTS, summary.rows());
    assertEquals(
        (long) X_POINTS,
        ((Number) summary.column("f").get("nan")).longValue(),
        "the NaN row's values are counted, the null row's are not");
    List<Row> out = spark.read().parquet(spec.output()).collectAsList();
    assertEquals(2 * X_POINTS, out.size());
    for (Row r : out) {
      if (r.isNullAt(0)) {
        assertTrue(r.isNullAt(r.fieldIndex("f")), "null input, null output");
        assertTrue(r.isNullAt(r.fieldIndex("grad_alpha")));
      } else {
        assertTrue(Double.isNaN(r.getDouble(r.fieldIndex("f"))), "NaN stays NaN");
      }
    }
  }

  @Test
  void aFinishedOutputIsOnlyThisRunsWhileItsTableIsUnchanged() throws Exception {
    Path t = table("coefficient draws", 3, 3);
    SweepSpec spec = SmallSweeps.spec(dir, conf(t, "output.mode = resume\n"));
    run(spec, QUIET);
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    run(spec, new PrintStream(said, true, StandardCharsets.UTF_8));
    assertTrue(said.toString(StandardCharsets.UTF_8).contains("nothing to do"), said.toString());
    // the same path, other rows: the finished output is no longer this run's
    spark
        .read()
        .parquet(table("other", 4, 4).toString())
        .write()
        .mode("overwrite")
        .parquet(t.toString());
    ConfException e = assertThrows(ConfException.class, () -> run(spec, QUIET));
    assertTrue(e.getMessage().contains("is not a finished output of this conf"), e.getMessage());
    assertEquals(3 * X_POINTS, spark.read().parquet(spec.output()).count(), "left as it was");
  }

  @Test
  void aSampledInputMultipliesTheTableAndACatalogTableBindsByName() throws Exception {
    spark.read().parquet(table("coefficients", 3, 5).toString()).createOrReplaceTempView("coeffs");
    String text =
        FUNCTION
            + "inputs { from-table = coeffs\n"
            + "  x { sample = uniform, points = 4, from = -1, to = 1, seed = 9 } }\n"
            + "outputs = [f]\noutput.dir = \""
            + dir.resolve("out")
            + "\"\n";
    SweepSpec spec = SmallSweeps.spec(dir, text);
    assertFalse(spec.table().get().isPath());
    run(spec, QUIET);
    Dataset<Row> out = spark.read().parquet(spec.output());
    assertEquals(
        List.of("id", "label", "alpha", "beta", "sample", "x", "f"), Arrays.asList(out.columns()));
    assertEquals(12, out.count());
    List<Row> perSample = out.groupBy("sample").count().orderBy("sample").collectAsList();
    for (int s = 0; s < 4; s++) {
      assertEquals(s, perSample.get(s).getLong(0));
      assertEquals(3, perSample.get(s).getLong(1), "every table row at every sample");
    }
    assertEquals(
        4,
        out.select("sample", "x").distinct().count(),
        "one x per sample index, the same for all");
  }

  @Test
  void theLiveViewEvaluatesTheTableAndTheDataSourceRefusesIt() throws Exception {
    Path t = table("coefficients", 2, 6);
    Path confs = Files.createDirectories(dir.resolve("confs"));
    Files.writeString(confs.resolve("bytable.conf"), conf(t, ""));
    SqlViews views = SqlViews.register(spark, null, confs, QUIET);
    assertTrue(views.views().contains("bytable_live"), views.views().toString());
    assertEquals(2 * X_POINTS, spark.sql("SELECT count(f) FROM bytable_live").first().getLong(0));
    assertFalse(Files.exists(dir.resolve("out")), "a live view writes nothing");
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                spark
                    .read()
                    .format("gradgrid")
                    .option("conf", confs.resolve("bytable.conf").toString())
                    .load());
    assertTrue(e.getMessage().contains("which the gradgrid source does not read"), e.getMessage());
  }

  @Test
  void badTablesAreOneParagraphAndWriteNothing() throws Exception {
    Path t = table("coefficients", 2, 7);
    // the table holds x: the conf's axis x would meet it
    Path withX = variant(t, "with-x", "*", "0.5 as x");
    ConfException clash =
        assertThrows(ConfException.class, () -> run(SmallSweeps.spec(dir, conf(withX, "")), QUIET));
    assertTrue(clash.getMessage().contains("column 'x' of the Parquet at"), clash.getMessage());
    assertTrue(clash.getMessage().contains("would meet the sweep's own column 'x'"));
    // a missing column: the conf's function has gamma, the table has no such column
    String text =
        "function { expression = \"x * gamma\", params = [x, gamma] }\n"
            + "inputs { from-table = \""
            + t
            + "\"\n x { from = 0, to = 1, points = 2 } }\noutputs = [f]\noutput.dir = \""
            + dir.resolve("out")
            + "\"\n";
    ConfException missing =
        assertThrows(ConfException.class, () -> run(SmallSweeps.spec(dir, text), QUIET));
    assertTrue(
        missing.getMessage().contains("input 'gamma' (a number)")
            && missing.getMessage().contains("its columns: id, label, alpha, beta"),
        missing.getMessage());
    // a wrong type: label is a string
    Path typed = variant(t, "typed", "label as alpha", "beta");
    ConfException type =
        assertThrows(ConfException.class, () -> run(SmallSweeps.spec(dir, conf(typed, "")), QUIET));
    assertTrue(
        type.getMessage().contains("input 'alpha' must be an array of 6 numbers")
            && type.getMessage().contains("is STRING"),
        type.getMessage());
    // no rows
    Path empty = dir.resolve("empty");
    spark.read().parquet(t.toString()).limit(0).write().parquet(empty.toString());
    ConfException none =
        assertThrows(ConfException.class, () -> run(SmallSweeps.spec(dir, conf(empty, "")), QUIET));
    assertTrue(none.getMessage().contains("has no rows; nothing to sweep"), none.getMessage());
    // a vector of the wrong length: found row by row, the run fails and publishes nothing
    Path shortRow = variant(t, "short", "slice(alpha, 1, 5) as alpha", "beta");
    Exception failed =
        assertThrows(Exception.class, () -> run(SmallSweeps.spec(dir, conf(shortRow, "")), QUIET));
    Throwable root = failed;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(
        root.getMessage().contains("'alpha' needs 6 elements; a row of column 'alpha' has 5"),
        root.getMessage());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  /**
   * A failed run returns only once none of its tasks still runs: one table row fails at once while
   * the other's task is still sweeping millions of points, and nothing of the run is left beside
   * the output, then or after that task would have finished.
   */
  @Test
  void aFailedRunLeavesNothingBehindWhenItsOtherTasksFinishLater() throws Exception {
    StructType schema =
        new StructType()
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
            .add("beta", DataTypes.createArrayType(DataTypes.DoubleType, true), true);
    Double[] b = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
    List<Row> rows =
        List.of(
            RowFactory.create(new Double[] {0.5, -1.2, -0.8, 0.4, 0.05}, b),
            RowFactory.create(new Double[] {0.5, -1.2, -0.8, 0.4, 0.05, -0.01}, b));
    Path t = dir.resolve("one short row");
    spark.createDataFrame(rows, schema).repartition(2).write().parquet(t.toString());
    Path parent = dir.resolve("outputs");
    Files.createDirectories(parent);
    String text =
        FUNCTION
            + "inputs {\n  from-table = \""
            + t
            + "\"\n  x { from = -1, to = 1, points = 4000000 }\n}\noutputs = [f, \"f'\"]\n"
            + "partitions = 2\noutput.dir = \""
            + parent.resolve("out")
            + "\"\n";
    assertThrows(Exception.class, () -> run(SmallSweeps.spec(dir, text), QUIET));
    assertEquals(List.of(), siblings(parent), "nothing left when the run returns");
    Thread.sleep(3000);
    assertEquals(List.of(), siblings(parent), "nor after the other task would have ended");
  }

  private static List<String> siblings(Path parent) throws IOException {
    try (var s = Files.list(parent)) {
      // the lock file stays, as after every run (OutputCommitTest)
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".gradgrid-lock"))
          .sorted()
          .toList();
    }
  }

  @Test
  void confMistakesAreRefusedBeforeSparkStarts() {
    Path t = dir.resolve("does not exist.parquet");
    String[][] cases = {
      {conf(t, ""), "no such file or directory"},
      {FUNCTION + "inputs { from-table = 3 }\noutputs = [f]\n", "expected a path or table name"},
      {
        conf(dir, "")
            .replace(
                "x { from", "alpha = [1, 2, 3, 4, 5, 6]\n beta = [1, 2, 3, 4, 5, 6]\n x { from"),
        "the conf sets every input"
      },
      {
        conf(dir, "")
            .replace("x { from", "\"alpha[1]\" { from = 0, to = 1, points = 2 }\n x { from"),
        "single elements cannot be swept"
      },
      {
        conf(dir, "outputs = [f, \"critical-points(x, -1, 1, 100)\"]\n")
            .replace("x { from = -2, to = 2, points = 5 }", ""),
        "scans 'x' over its own inner grid, but the conf does not set inputs.x"
      },
      {conf(dir, "figures { dir = \"" + dir.resolve("figs") + "\" }\n"), "no grid to draw"},
      {
        FUNCTION + "inputs { from-table = \"~/draws\" }\noutputs = [f]\n",
        "'~/draws' starts with ~, which only a shell expands"
      },
      {
        "function = \"x * gamma\"\ninputs { from-table = t\n x = 1 }\noutputs = [f]\n",
        "list them all in call order"
      },
    };
    for (String[] c : cases) {
      ConfException e = assertThrows(ConfException.class, () -> SmallSweeps.spec(dir, c[0]), c[1]);
      assertTrue(e.getMessage().contains(c[1]), c[1] + " in: " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one paragraph: " + e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("out")));
  }

  private static double[] doubles(List<Object> v) {
    return v.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
  }

  private static double poly(double[] c, double x) {
    double s = 0;
    for (int i = c.length - 1; i >= 0; i--) {
      s = s * x + c[i];
    }
    return s;
  }

  private static double dpoly(double[] c, double x) {
    double s = 0;
    for (int i = c.length - 1; i >= 1; i--) {
      s = s * x + i * c[i];
    }
    return s;
  }
}
