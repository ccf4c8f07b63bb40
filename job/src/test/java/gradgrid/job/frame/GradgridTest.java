package gradgrid.job.frame;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.testing.RationalClosedForm;
import gradgrid.job.testing.SparkTestSession;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@link Gradgrid#evaluate} on a DataFrame of random points with extra columns, against the worked
 * example's closed forms ({@link RationalClosedForm}); bindings under other names and fixed
 * parameters; identical results for any partitioning and batch size.
 */
class GradgridTest {
  private static final int ROWS = 300;
  private static final Fn F = Rational.of(5, 5);
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
  private static Dataset<Row> points;

  @BeforeAll
  static void table() {
    Random r = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double x = -3 + 6 * r.nextDouble();
      Double[] a = new Double[6];
      Double[] b = new Double[6];
      for (int k = 0; k < 6; k++) {
        a[k] = -1 + 2 * r.nextDouble();
        b[k] = -1 + 2 * r.nextDouble();
      }
      rows.add(RowFactory.create((long) i, "p" + i, x, a, b, (float) x));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("label", DataTypes.StringType)
            .add("x", DataTypes.DoubleType)
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("beta", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("t", DataTypes.FloatType);
    points = SparkTestSession.get().createDataFrame(rows, schema).repartition(4);
  }

  @Test
  void everyOutputMatchesTheClosedFormsAndTheOtherColumnsStay() {
    Dataset<Row> out =
        Gradgrid.evaluate(
            points, F, "f", "f'", "d2f/dx2", "grad(alpha)", "grad(beta)", "hessian(alpha, beta)");
    assertEquals(
        List.of(
            "id",
            "label",
            "x",
            "alpha",
            "beta",
            "t",
            "f",
            "df_dx",
            "d2f_dx2",
            "grad_alpha",
            "grad_beta",
            "hessian_alpha_beta"),
        Arrays.asList(out.columns()));
    assertEquals(
        "array<array<double>>", out.schema().apply("hessian_alpha_beta").dataType().simpleString());
    List<Row> got = out.collectAsList();
    assertEquals(ROWS, got.size());
    for (Row row : got) {
      assertEquals("p" + row.getLong(0), row.getString(1));
      double x = row.getDouble(2);
      RationalClosedForm c =
          new RationalClosedForm(x, doubles(row.getList(3)), doubles(row.getList(4)));
      String at = "row " + row.getLong(0);
      // f = P / (1 + Q^2); f' = (P' (1 + Q^2) - 2 P Q Q') / (1 + Q^2)^2; f'' by the quotient rule
      assertClose(c.f(), row.getDouble(6), 1e-12, "f " + at);
      assertClose(c.f1(), row.getDouble(7), 1e-11 * c.f1Scale(), "f' " + at);
      assertClose(c.f2(), row.getDouble(8), 1e-10 * c.f2Scale(), "f'' " + at);
      List<Double> ga = row.getList(9);
      List<Double> gb = row.getList(10);
      List<scala.collection.Seq<Double>> h = row.getList(11);
      for (int i = 0; i < 6; i++) {
        // df/dalpha_i = x^i / (1 + Q^2); df/dbeta_j = -2 P Q x^j / (1 + Q^2)^2
        assertClose(c.dAlpha(i), ga.get(i), 1e-12, "df/dalpha " + i + " " + at);
        assertClose(c.dBeta(i), gb.get(i), 1e-11, "df/dbeta " + i + " " + at);
        List<Double> hi = CollectionConverters.asJava(h.get(i));
        for (int j = 0; j < 6; j++) {
          assertClose(c.dAlphaBeta(i, j), hi.get(j), 1e-11, "h " + i + "," + j + " " + at);
        }
      }
    }
  }

  @Test
  void aRenamedColumnAndAFixedParameterBindTheFunction() {
    Dataset<Row> out =
        Gradgrid.of(F)
            .column("x", "t")
            .fix("beta", BETA)
            .outputs("f", "grad(alpha)")
            .on(points.drop("x", "beta"));
    assertEquals(
        List.of("id", "label", "alpha", "t", "f", "grad_alpha"), Arrays.asList(out.columns()));
    for (Row row : out.collectAsList()) {
      double t = row.getFloat(3);
      RationalClosedForm c = new RationalClosedForm(t, doubles(row.getList(2)), BETA);
      assertClose(c.f(), row.getDouble(4), 1e-12, "f at t=" + t);
      List<Double> g = row.getList(5);
      for (int i = 0; i < 6; i++) {
        assertClose(c.dAlpha(i), g.get(i), 1e-12, "df/dalpha " + i + " at t=" + t);
      }
    }
  }

  @Test
  void partitionsAndBatchSizesGiveBitForBitTheSameRows() {
    List<Row> reference = sorted(Gradgrid.evaluate(points.coalesce(1), F, "f'", "grad(beta)"));
    for (int partitions : new int[] {3, 7}) {
      for (int batch : new int[] {1, 7, 4096}) {
        List<Row> got =
            sorted(
                Gradgrid.of(F)
                    .outputs("f'", "grad(beta)")
                    .batchSize(batch)
                    .on(points.repartition(partitions)));
        assertEquals(ROWS, got.size());
        for (int r = 0; r < ROWS; r++) {
          String at = partitions + " partitions, batch " + batch + ", row " + r;
          assertEquals(bits(reference.get(r).getDouble(6)), bits(got.get(r).getDouble(6)), at);
          assertArrayEquals(
              bits(doubles(reference.get(r).getList(7))), bits(doubles(got.get(r).getList(7))), at);
        }
      }
    }
  }

  @Test
  void theSweepsColumnIsBitForBitTheSameOverTheSweepsPoints() {
    SparkSession spark = SparkTestSession.get();
    double[] alpha = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
    Dataset<Row> sweep =
        spark
            .read()
            .format("gradgrid")
            .option(
                "conf-text",
                "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
                    + "inputs { x { from = -10, to = 10, points = 2001 }\n"
                    + "  alpha = "
                    + Arrays.toString(alpha)
                    + "\n  beta = "
                    + Arrays.toString(BETA)
                    + " }\n"
                    + "outputs = [f, \"f''\"]\n")
            .load();
    Dataset<Row> evaluated =
        Gradgrid.of(F)
            .fix("alpha", alpha)
            .fix("beta", BETA)
            .outputs("f", "f''")
            .on(sweep.select("x"));
    List<Row> a = sweep.orderBy("x").collectAsList();
    List<Row> b = evaluated.orderBy("x").collectAsList();
    assertEquals(2001, b.size());
    for (int r = 0; r < a.size(); r++) {
      assertEquals(a.get(r).getDouble(0), b.get(r).getDouble(0));
      assertEquals(bits(a.get(r).getDouble(1)), bits(b.get(r).getDouble(1)), "f at row " + r);
      assertEquals(bits(a.get(r).getDouble(2)), bits(b.get(r).getDouble(2)), "f'' at row " + r);
    }
  }

  @Test
  void aNullInputGivesNullOutputsAndNaNStaysNaN() {
    StructType schema =
        new StructType()
            .add("x", DataTypes.DoubleType)
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType));
    Double[] a = {1.0, 2.0, 0.0, 0.0, 0.0, 0.0};
    Double[] withNull = {1.0, null, 0.0, 0.0, 0.0, 0.0};
    List<Row> rows =
        List.of(
            RowFactory.create(0.5, a),
            RowFactory.create(null, a),
            RowFactory.create(0.5, null),
            RowFactory.create(0.5, withNull),
            RowFactory.create(Double.NaN, a));
    List<Row> got =
        Gradgrid.of(F)
            .fix("beta", BETA)
            .outputs("f", "grad(alpha)")
            .on(SparkTestSession.get().createDataFrame(rows, schema).coalesce(1))
            .collectAsList();
    RationalClosedForm c = new RationalClosedForm(0.5, new double[] {1, 2, 0, 0, 0, 0}, BETA);
    assertClose(c.f(), got.get(0).getDouble(2), 1e-12, "f");
    for (int r = 1; r <= 3; r++) {
      assertTrue(got.get(r).isNullAt(2) && got.get(r).isNullAt(3), "row " + r + " " + got.get(r));
    }
    assertTrue(Double.isNaN(got.get(4).getDouble(2)), "f at NaN");
    assertTrue(Double.isNaN(doubles(got.get(4).getList(3))[1]), "df/dalpha_1 at NaN");
  }

  private static List<Row> sorted(Dataset<Row> df) {
    return df.orderBy("id").collectAsList();
  }

  private static double[] doubles(List<?> v) {
    return v.stream().mapToDouble(e -> ((Number) e).doubleValue()).toArray();
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  private static long[] bits(double[] v) {
    return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  /**
   * A {@code critical-points} output on every row of a DataFrame, its scanned input fixed: for f =
   * t^3 - a t the extrema are -+sqrt(a/3) (a maximum, then a minimum) for a > 0 and none for a < 0;
   * a null a gives a null map; the DataFrame's columns are kept.
   */
  @Test
  void criticalPointsOnEachRowOfADataFrameHaveTheClosedFormExtrema() {
    Fn cubic =
        Fn.trace(
            "cubic",
            List.of(Param.scalar("t"), Param.scalar("a")),
            v -> v[0].pow(3).sub(v[1].mul(v[0])));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create((long) i, i == 7 ? null : -1 + 0.1 * i));
    }
    StructType schema =
        new StructType().add("id", DataTypes.LongType, false).add("a", DataTypes.DoubleType, true);
    Dataset<Row> df = SparkTestSession.get().createDataFrame(rows, schema).repartition(3);
    List<Row> out =
        Gradgrid.of(cubic)
            .fix("t", 0.5)
            .outputs("f", "critical-points(t, -2, 2, 801)")
            .on(df)
            .orderBy("id")
            .collectAsList();
    assertEquals(40, out.size());
    for (Row r : out) {
      if (r.isNullAt(1)) {
        assertTrue(r.isNullAt(3), "a null a, a null map");
        continue;
      }
      double a = r.getDouble(1);
      assertClose(0.125 - a * 0.5, r.getDouble(2), 1e-15, "f at the fixed t = 0.5");
      Row m = r.getStruct(3);
      List<Double> xs = m.getList(2);
      if (a < 0) {
        assertEquals(0, xs.size(), "no extremum for a = " + a);
        continue;
      }
      if (a < 1e-9) {
        continue; // a = 0: a flat inflection, no sign change of f' = 3t^2
      }
      double root = Math.sqrt(a / 3);
      assertEquals(List.of(-1, 1), m.getList(4), "a maximum, then a minimum, at a = " + a);
      assertClose(-root, xs.get(0), 1e-12, "at a = " + a);
      assertClose(root, xs.get(1), 1e-12, "at a = " + a);
    }
  }
}
