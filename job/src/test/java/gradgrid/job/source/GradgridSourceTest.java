package gradgrid.job.source;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.testing.RationalClosedForm;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.run.AdEvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code gradgrid} source against the Parquet a sweep of the same conf writes (bit for bit),
 * its pruning (the graph built for a query), its pushdown (rows kept, results equal to Spark's own
 * filtering of the written Parquet), and its options.
 */
class GradgridSourceTest {
  private static final String RATIONAL =
      "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
          + "inputs.alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n"
          + "inputs.beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n";

  static final String X_SWEEP =
      RATIONAL
          + "inputs.x { from = -3, to = 3, points = 61 }\n"
          + "outputs = [f, \"f'\", \"f''\", \"grad(alpha)\", \"grad(beta)\"]\n";

  static final String COEFFICIENTS =
      RATIONAL
          + "inputs { x = 1.5, \"alpha[1]\" { from = -3, to = 3, points = 7 },"
          + " \"beta[1]\" { values = [0.5, -2, 1, 0] } }\n"
          + "outputs = [f, \"grad(alpha)\", \"hessian(alpha, beta)\","
          + " \"eigenvalues(hessian(alpha, beta))\"]\n";

  static final String EXPRESSION =
      "function = \"let q = poly(b, x); sin(a * x) / (1 + q^2)\"\n"
          + "inputs {\n  x { values = [-1, 0.25, 2, 3.5] }\n  a { from = 0, to = 2, points = 5 }\n"
          + "  b = [1, -0.5, 0.25]\n}\n"
          + "outputs = [f, \"f'\", \"grad(a)\", \"grad(b)\", \"hessian(x, b)\"]\n";

  @TempDir Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private Path conf(String name, String text) throws Exception {
    Path p = dir.resolve(name + ".conf");
    Files.writeString(p, text + "output.dir = \"" + dir.resolve("out-" + name) + "\"\n");
    return p;
  }

  private Dataset<Row> source(Path conf) {
    return spark.read().format("gradgrid").option("conf", conf.toString()).load();
  }

  private Dataset<Row> written(Path conf) throws Exception {
    FunctionProviders providers = FunctionProviders.load();
    SweepSpec spec = new SweepConfLoader(providers, dir).load(conf);
    SweepToParquet.run(
        spark, spec, providers.evaluator(spec), new PrintStream(OutputStream.nullOutputStream()));
    return spark.read().parquet(spec.output());
  }

  private static List<Row> sorted(Dataset<Row> d, String... by) {
    return d.orderBy(by[0], Arrays.copyOfRange(by, 1, by.length)).collectAsList();
  }

  /** Every value bit for bit: doubles by their bits, arrays element by element. */
  private static void assertSameBits(Object a, Object b, String where) {
    if (a instanceof Double x && b instanceof Double y) {
      assertEquals(
          Double.doubleToRawLongBits(x),
          Double.doubleToRawLongBits(y),
          where + ": " + x + " vs " + y);
    } else if (a instanceof scala.collection.Seq<?> x && b instanceof scala.collection.Seq<?> y) {
      List<?> l = CollectionConverters.asJava(x);
      List<?> m = CollectionConverters.asJava(y);
      assertEquals(l.size(), m.size(), where);
      for (int i = 0; i < l.size(); i++) {
        assertSameBits(l.get(i), m.get(i), where + "[" + i + "]");
      }
    } else {
      assertEquals(a, b, where);
    }
  }

  static void assertSameRows(List<Row> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size(), "rows");
    for (int r = 0; r < expected.size(); r++) {
      Row e = expected.get(r);
      Row a = actual.get(r);
      assertEquals(e.schema().catalogString(), a.schema().catalogString());
      for (int c = 0; c < e.length(); c++) {
        assertSameBits(e.get(c), a.get(c), "row " + r + " column " + e.schema().fields()[c].name());
      }
    }
  }

  private void assertSourceEqualsParquet(String name, String text, String... axes)
      throws Exception {
    Path conf = conf(name, text);
    Dataset<Row> src = source(conf);
    Dataset<Row> pq = written(conf);
    // Spark reads every Parquet column back as nullable; names and types are the same.
    assertEquals(pq.schema().catalogString(), src.schema().catalogString());
    assertSameRows(sorted(pq, axes), sorted(src, axes));
  }

  @Test
  void xSweepEqualsItsParquetBitForBit() throws Exception {
    assertSourceEqualsParquet("x", X_SWEEP, "x");
  }

  @Test
  void coefficientGridWithElementAxesAndEigenvaluesEqualsItsParquet() throws Exception {
    assertSourceEqualsParquet("coef", COEFFICIENTS, "alpha_1", "beta_1");
  }

  @Test
  void expressionConfEqualsItsParquet() throws Exception {
    assertSourceEqualsParquet("expr", EXPRESSION, "x", "a");
  }

  @Test
  void aGridWithoutAxesIsOneRowOfTheBoundFunction() throws Exception {
    Path conf = conf("point", RATIONAL + "inputs.x = 1.5\noutputs = [f, \"f'\", \"grad(beta)\"]\n");
    Dataset<Row> src = source(conf);
    List<Row> written = written(conf).collectAsList();
    assertEquals(1, written.size());
    assertSameRows(written, src.collectAsList());
    // f(1.5) of the worked example's coefficients, and f' from the closed forms
    RationalClosedForm c =
        new RationalClosedForm(
            1.5,
            new double[] {0.5, -1.2, -0.8, 0.4, 0.05, -0.01},
            new double[] {0.3, -0.6, 0.1, 0.08, -0.01, 0.001});
    assertClose(c.f(), written.get(0).getDouble(0), 1e-13, "f");
    assertClose(c.f1(), written.get(0).getDouble(1), 1e-12, "f'");
  }

  @Test
  void columnarBatchesAndRowsGiveTheSameBits() throws Exception {
    Path conf = conf("x", X_SWEEP);
    Dataset<Row> columnar = source(conf).select("x", "f", "df_dx", "d2f_dx2");
    Dataset<Row> rows =
        spark
            .read()
            .format("gradgrid")
            .option("conf", conf.toString())
            .option("columnar", "false")
            .load()
            .select("x", "f", "df_dx", "d2f_dx2");
    assertTrue(
        columnar.queryExecution().executedPlan().toString().contains("ColumnarToRow"),
        columnar.queryExecution().executedPlan().toString());
    assertFalse(rows.queryExecution().executedPlan().toString().contains("ColumnarToRow"));
    List<Row> expected = sorted(written(conf).select("x", "f", "df_dx", "d2f_dx2"), "x");
    assertSameRows(expected, sorted(columnar, "x"));
    assertSameRows(expected, sorted(rows, "x"));
  }

  @Test
  void aggregatesArePushedAndAgreeWithSparkOnTheParquet() throws Exception {
    Path conf = conf("x", X_SWEEP);
    Dataset<Row> pq = written(conf);
    String[] queries = {
      "SELECT count(*), sum(f), min(df_dx), max(d2f_dx2), count(x), min(x), max(x) FROM %s",
      "SELECT sum(f), max(f), min(f) FROM %s WHERE x BETWEEN -1 AND 2",
      "SELECT count(*), sum(d2f_dx2) FROM %s WHERE x > 3",
      "SELECT avg(f), sum(f) FROM %s",
    };
    for (String q : queries) {
      source(conf).createOrReplaceTempView("agg_src");
      pq.createOrReplaceTempView("agg_pq");
      Row got = spark.sql(String.format(q, "agg_src")).first();
      Row want = spark.sql(String.format(q, "agg_pq")).first();
      for (int c = 0; c < want.length(); c++) {
        if (want.get(c) instanceof Double w && got.get(c) instanceof Double g) {
          // A sum's last bits depend on the order of the additions; counts, min and max do not.
          assertEquals(w, g, 1e-12 * Math.max(1, Math.abs(w)), q + " column " + c);
        } else {
          assertEquals(want.get(c), got.get(c), q + " column " + c);
        }
      }
    }
    Dataset<Row> pushedAgg = spark.sql("SELECT count(*), sum(f), max(x) FROM agg_src WHERE x > 0");
    SweepScan scan = scanOf(pushedAgg);
    assertTrue(
        scan.description().contains("aggregates per partition: [count(*), sum(f), max(x)]"),
        scan.description());
    assertEquals(1, ((AdEvaluatorFactory) scan.evaluator()).outputWidth());
    assertEquals(30L, pushedAgg.first().getLong(0));
    assertEquals(3.0, pushedAgg.first().getDouble(2));
    // A filter on an output is not pushed, so neither are the aggregates above it.
    assertFalse(
        scanOf(spark.sql("SELECT sum(x) FROM agg_src WHERE f > 0"))
            .description()
            .contains("aggregates"));
  }

  static SweepScan scanOf(Dataset<Row> d) {
    LogicalPlan plan = d.queryExecution().optimizedPlan();
    for (LogicalPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
      if (leaf instanceof DataSourceV2ScanRelation r) {
        return (SweepScan) r.scan();
      }
    }
    throw new AssertionError("no gradgrid scan in " + plan);
  }

  @Test
  void selectingXAndFBuildsNoDerivative() throws Exception {
    Path conf = conf("x", X_SWEEP);
    SweepScan scan = scanOf(source(conf).select("x", "f"));
    AdEvaluatorFactory ad = assertInstanceOf(AdEvaluatorFactory.class, scan.evaluator());
    assertEquals(1, ad.outputWidth());
    FunctionProviders providers = FunctionProviders.load();
    SweepSpec spec = new SweepConfLoader(providers, dir).load(conf);
    AdEvaluatorFactory valueOnly =
        (AdEvaluatorFactory) providers.evaluator(spec.withOutputs(List.of(new OutputSpec.Value())));
    AdEvaluatorFactory all = (AdEvaluatorFactory) providers.evaluator(spec);
    assertEquals(valueOnly.kernelFunction().eqnCount(), ad.kernelFunction().eqnCount());
    assertTrue(ad.kernelFunction().eqnCount() < all.kernelFunction().eqnCount() / 3);
    assertEquals(List.of("x", "f"), Arrays.asList(scan.readSchema().fieldNames()));
  }

  @Test
  void countingRowsEvaluatesNothing() throws Exception {
    Dataset<Row> d = source(conf("coef", COEFFICIENTS));
    assertNull(scanOf(d.groupBy().count()).evaluator());
    assertEquals(28, d.count());
  }

  @Test
  void pushedFiltersShrinkTheGridAndMatchSparkFilteringTheParquet() throws Exception {
    Path conf = conf("coef", COEFFICIENTS);
    Dataset<Row> pq = written(conf);
    String[] filters = {
      "alpha_1 BETWEEN -1 AND 2",
      "alpha_1 > -1 AND alpha_1 < 2 AND beta_1 IN (0, 1, 7)",
      "alpha_1 = 1 OR alpha_1 = -3",
      "NOT (beta_1 <= 0.5)",
      "alpha_1 >= 3",
      "alpha_1 > 3",
      "beta_1 = -2.0 AND alpha_1 <=> 0",
      "f > 0 AND alpha_1 < 0",
      "alpha_1 < 0 OR beta_1 = 1",
    };
    for (String where : filters) {
      Dataset<Row> src = source(conf).where(where);
      assertSameRows(
          sorted(pq.where(where), "alpha_1", "beta_1"), sorted(src, "alpha_1", "beta_1"));
    }
    SweepScan scan = scanOf(source(conf).where("alpha_1 BETWEEN -1 AND 2 AND beta_1 IN (0, 1)"));
    assertTrue(scan.description().contains("rows: 8 of 28"), scan.description());
    assertEquals(8, scan.estimateStatistics().numRows().getAsLong());
    // 2 axes and f (8 bytes each), grad_alpha (6), the 6 x 6 Hessian and 12 eigenvalues (arrays).
    assertTrue(scan.estimateStatistics().sizeInBytes().getAsLong() >= 8 * (3 + 6 + 36 + 12) * 8);
    assertTrue(scanOf(source(conf).where("alpha_1 > 3")).description().contains("rows: 0 of 28"));
    // An OR across two axes is not a box of the grid: Spark filters it, the scan reads every row.
    assertTrue(
        scanOf(source(conf).where("alpha_1 < 0 OR beta_1 = 1"))
            .description()
            .contains("rows: 28 of 28"));
  }

  @Test
  void aTrillionRowAxisAnswersAFilteredCount() throws Exception {
    Path conf =
        conf(
            "huge",
            RATIONAL
                + "inputs.x { from = 0, to = 1, points = 1000000000000 }\n"
                + "outputs = [f]\noutput.max-bytes = 100T\n");
    Dataset<Row> d = source(conf).where("x BETWEEN 0.5 AND 0.5000001");
    long n = 1_000_000_000_000L;
    // Oracle: the same linspace formula tested around the analytic ends, point by point.
    long count = 0;
    for (long i = (long) (0.5 * (n - 1)) - 5; i <= (long) (0.5000001 * (n - 1)) + 5; i++) {
      double v = (double) i / (double) (n - 1);
      count += v >= 0.5 && v <= 0.5000001 ? 1 : 0;
    }
    assertEquals(count, d.count());
    assertEquals(count, d.agg(org.apache.spark.sql.functions.count("f")).first().getLong(0));
  }

  @Test
  void limitReadsOnlyTheFirstRows() throws Exception {
    Dataset<Row> d = source(conf("x", X_SWEEP)).limit(5);
    assertEquals(5, d.collectAsList().size());
    assertTrue(scanOf(d).description().contains("rows: 5 of 61"), scanOf(d).description());
  }

  @Test
  void aTemporaryViewUsingGradgridInAPlainSession() throws Exception {
    Path conf = conf("x", X_SWEEP);
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW xs USING gradgrid OPTIONS (conf '" + conf + "')");
    Row r = spark.sql("SELECT count(*), min(x), max(x) FROM xs WHERE x >= 0").first();
    assertEquals(31L, r.getLong(0));
    assertEquals(0.0, r.getDouble(1));
    assertEquals(3.0, r.getDouble(2));
  }

  @Test
  void confTextOptionReadsTheSameRowsAsTheFile() throws Exception {
    Path conf = conf("x", X_SWEEP);
    Dataset<Row> inline = spark.read().format("gradgrid").option("conf-text", X_SWEEP).load();
    assertSameRows(sorted(source(conf), "x"), sorted(inline, "x"));
    Dataset<Row> byPath = spark.read().format("gradgrid").load(conf.toString());
    assertSameRows(sorted(source(conf), "x"), sorted(byPath, "x"));
  }

  @Test
  void badOptionsAreRefusedWithTheConfMessages() throws Exception {
    ConfException none =
        assertThrows(ConfException.class, () -> spark.read().format("gradgrid").load());
    assertTrue(none.getMessage().contains("exactly one of the options 'conf'"), none.getMessage());
    ConfException missing =
        assertThrows(
            ConfException.class,
            () ->
                spark
                    .read()
                    .format("gradgrid")
                    .option("conf", dir.resolve("nope.conf").toString())
                    .load());
    assertTrue(missing.getMessage().startsWith("conf file not found"), missing.getMessage());
    ConfException typo =
        assertThrows(
            ConfException.class,
            () ->
                spark
                    .read()
                    .format("gradgrid")
                    .option("conf-text", X_SWEEP + "outptus = [f]\n")
                    .load());
    assertTrue(typo.getMessage().contains("outptus"), typo.getMessage());
    IllegalArgumentException internal =
        assertThrows(
            IllegalArgumentException.class,
            () -> spark.read().format("gradgrid").option("gradgrid.run", "x").load());
    assertTrue(internal.getMessage().contains("internal to gradgrid's CLI"), internal.getMessage());
  }
}
