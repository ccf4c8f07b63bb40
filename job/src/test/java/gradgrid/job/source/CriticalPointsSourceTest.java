package gradgrid.job.source;

import static gradgrid.job.source.GradgridSourceTest.assertSameRows;
import static gradgrid.job.source.GradgridSourceTest.scanOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPoint;
import gradgrid.job.extrema.Extrema;
import gradgrid.job.extrema.SweepFunction;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code critical-points} output through both paths: the sweep's Parquet (the CLI's stages)
 * equals the {@code gradgrid} source bit for bit; column pruning drops the inner scan when the map
 * is not read and the kernel outputs when only the map is; and the map's count and locations equal
 * {@code extrema}'s on an x-sweep of the same coefficients.
 */
class CriticalPointsSourceTest {
  private static final String SEED =
      "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
          + "inputs.alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n"
          + "inputs.beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n";

  private static final String MAP =
      SEED
          + "inputs { x = 1.5, \"alpha[1]\" { values = [-1.2, 1.5, 3] },"
          + " \"beta[1]\" { values = [-0.6, 0.5] } }\n"
          + "partitions = 2\n"
          + "outputs = [f, \"critical-points(x, -10, 10, 4001)\", \"f'\"]\n";

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

  @Test
  void theSweepsParquetEqualsTheSourceBitForBit() throws Exception {
    Path conf = conf("map", MAP);
    SweepSpec spec = SmallSweeps.run(dir, Files.readString(conf));
    Dataset<Row> pq = spark.read().parquet(spec.output());
    Dataset<Row> src = source(conf);
    assertEquals(
        "struct<alpha_1:double,beta_1:double,f:double,critical_points_x:struct<maxima:int,"
            + "minima:int,x:array<double>,f:array<double>,d2f_sign:array<int>,"
            + "min_abs_d2f:double>,df_dx:double>",
        src.schema().catalogString());
    assertSameRows(
        pq.orderBy("alpha_1", "beta_1").collectAsList(),
        src.orderBy("alpha_1", "beta_1").collectAsList());
    assertEquals(6, pq.count());
  }

  @Test
  void pruningComputesOnlyWhatTheQueryReads() throws Exception {
    Path conf = conf("map", MAP);
    SweepScan withoutMap = scanOf(source(conf).select("alpha_1", "f"));
    assertTrue(withoutMap.description().contains("outputs: f]"), withoutMap.description());
    assertTrue(withoutMap.evaluator().criticalPoints().isEmpty());

    Dataset<Row> onlyMap =
        source(conf)
            .selectExpr(
                "alpha_1", "beta_1", "critical_points_x.maxima + critical_points_x.minima AS n")
            .orderBy("alpha_1", "beta_1");
    SweepScan scan = scanOf(onlyMap);
    assertTrue(scan.description().contains("outputs: critical_points_x]"), scan.description());
    assertEquals(0, scan.evaluator().outputWidth());
    assertEquals(1, scan.evaluator().criticalPoints().size());
    List<Row> rows = onlyMap.collectAsList();
    // the seed's point (alpha[1] = -1.2, beta[1] = -0.6) has the reference's 5
    assertEquals(5, rows.get(0).getInt(2));
  }

  /** extrema on an x-sweep of one coefficient set, counted points only. */
  private List<CriticalPoint> extrema(double alpha1, double beta1) {
    String text =
        "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
            + "inputs.alpha = [0.5, "
            + alpha1
            + ", -0.8, 0.4, 0.05, -0.01]\n"
            + "inputs.beta = [0.3, "
            + beta1
            + ", 0.1, 0.08, -0.01, 0.001]\n"
            + "inputs.x { from = -10, to = 10, points = 4001 }\n"
            + "outputs = [\"f'\"]\noutput.dir = \"x-"
            + alpha1
            + "_"
            + beta1
            + "\"\n";
    SweepSpec spec = SmallSweeps.run(dir, text);
    return Extrema.find(
            spark.read().parquet(spec.output()),
            "x",
            "df_dx",
            SweepFunction.of(spec, SmallSweeps.providers()),
            4)
        .stream()
        .filter(CriticalPoint::counted)
        .toList();
  }

  @Test
  void theMapAgreesWithExtremaOfTheSameCoefficients() throws Exception {
    List<Row> rows =
        source(conf("map", MAP))
            .where("beta_1 = -0.6 AND alpha_1 IN (-1.2, 1.5)")
            .orderBy("alpha_1")
            .select("alpha_1", "beta_1", "critical_points_x")
            .collectAsList();
    assertEquals(2, rows.size());
    for (Row r : rows) {
      List<CriticalPoint> expected = extrema(r.getDouble(0), r.getDouble(1));
      Row map = r.getStruct(2);
      List<Double> xs = map.getList(2);
      List<Integer> signs = map.getList(4);
      String at = "alpha[1] = " + r.getDouble(0) + ": " + expected;
      assertEquals(expected.size(), map.getInt(0) + map.getInt(1), at);
      for (int k = 0; k < expected.size(); k++) {
        // both refine the same bracket with the same Newton steps, to |f'| < 1e-12
        assertEquals(expected.get(k).x(), xs.get(k), 1e-10, at);
        assertEquals(expected.get(k).d2() < 0 ? -1 : 1, signs.get(k), at);
      }
    }
  }

  @Test
  void aTextFunctionsMapThroughTheSourceHasTheClosedFormExtrema() throws Exception {
    // f = t^3 - a t: f' = 3t^2 - a, extrema at t = -+sqrt(a/3) (maximum, minimum) for a > 0
    Dataset<Row> map =
        source(
            conf(
                "text",
                "function = \"t^3 - a * t\"\ninputs {\n  t = 0\n  a { values = [-1, 0.75, 3] }\n}\n"
                    + "outputs = [\"critical-points(t, -2, 2, 801)\"]\n"));
    assertEquals(
        "struct<a:double,critical_points_t:struct<maxima:int,minima:int,x:array<double>,"
            + "f:array<double>,d2f_sign:array<int>,min_abs_d2f:double>>",
        map.schema().catalogString());
    List<Row> rows = map.orderBy("a").collectAsList();
    Row none = rows.get(0).getStruct(1);
    assertEquals(0, none.getInt(0) + none.getInt(1));
    assertTrue(none.isNullAt(5));
    for (Row r : rows.subList(1, 3)) {
      double root = Math.sqrt(r.getDouble(0) / 3);
      Row m = r.getStruct(1);
      assertEquals(List.of(-1, 1), m.getList(4));
      List<Double> xs = m.getList(2);
      assertEquals(-root, xs.get(0), 1e-12);
      assertEquals(root, xs.get(1), 1e-12);
      // f'' = 6t: |f''| = 6 root at both
      assertEquals(6 * root, m.getDouble(5), 1e-9);
    }
  }

  @Test
  void aSampledOuterInputHasTheClosedFormExtremaAtEachSampledPoint() throws Exception {
    // the outer points are uniform samples of a; f = t^3 - a t has its extrema at -+sqrt(a/3)
    List<Row> rows =
        source(
                conf(
                    "sampled",
                    "function = \"t^3 - a * t\"\ninputs {\n  t = 0\n"
                        + "  a { sample = uniform, points = 25, from = 0.1, to = 3, seed = 7 }\n}\n"
                        + "partitions = 3\noutputs = [\"critical-points(t, -2, 2, 801)\"]\n"))
            .orderBy("sample")
            .collectAsList();
    assertEquals(25, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      assertEquals(i, r.getLong(r.fieldIndex("sample")));
      double a = r.getDouble(r.fieldIndex("a"));
      assertTrue(a >= 0.1 && a <= 3, "a sampled in its bounds: " + a);
      Row m = r.getStruct(r.fieldIndex("critical_points_t"));
      double root = Math.sqrt(a / 3);
      assertEquals(List.of(-1, 1), m.getList(4), "a maximum, then a minimum, at a = " + a);
      List<Double> xs = m.getList(2);
      assertEquals(-root, xs.get(0), 1e-12, "at a = " + a);
      assertEquals(root, xs.get(1), 1e-12, "at a = " + a);
    }
  }
}
