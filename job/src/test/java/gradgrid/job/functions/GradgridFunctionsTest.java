package gradgrid.job.functions;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.Fn;
import gradgrid.ad.testing.RationalClosedForm;
import gradgrid.job.conf.FunctionSignature;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.run.AdEvaluatorFactory;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The SQL functions of {@link GradgridFunctions} against the worked example's closed forms ({@link
 * RationalClosedForm}) and Hipparchus' symmetric eigen-solver, on random rows of a table; Spark's
 * implicit casts; null arguments; and each bad call as an error naming the function.
 */
class GradgridFunctionsTest {
  private static final String CATALOG = "ggtest";
  private static final int ROWS = 200;

  @TempDir static Path dir;

  private static final List<double[]> xs = new ArrayList<>();

  @BeforeAll
  static void catalogAndTable() throws Exception {
    Files.writeString(
        dir.resolve("seed.conf"),
        "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
            + "inputs { x { from = -1, to = 1, points = 3 }\n"
            + "  alpha = [1, 0, 0, 0, 0, 0]\n  beta = [0, 0, 0, 0, 0, 0] }\n"
            + "outputs = [f]\n");
    Files.writeString(dir.resolve("broken.conf"), "function { builtin = nope }\n");
    Files.writeString(dir.resolve("not-a-sweep.conf"), "figures { dir = x }\n");
    SparkSession spark = SparkTestSession.get();
    String prefix = "spark.sql.catalog." + CATALOG;
    spark.conf().set(prefix, GradgridFunctions.class.getName());
    spark.conf().set(prefix + ".confs", dir.toString());
    spark.conf().set(prefix + ".function.cube", "c * y^3");
    spark.conf().set(prefix + ".function.cube.params", "y, c");
    spark.conf().set(prefix + ".function.wide", "sum(v * v * v)");
    spark.conf().set(prefix + ".function.wide.params", "v[200]");

    Random r = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double[] v = new double[13];
      for (int k = 0; k < 13; k++) {
        v[k] = k == 0 ? -3 + 6 * r.nextDouble() : -1 + 2 * r.nextDouble();
      }
      xs.add(v);
      rows.add(RowFactory.create(v[0], boxed(v, 1, 7), boxed(v, 7, 13)));
    }
    StructType schema =
        new StructType()
            .add("x", DataTypes.DoubleType)
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("beta", DataTypes.createArrayType(DataTypes.DoubleType));
    spark.createDataFrame(rows, schema).createOrReplaceTempView("pts");
    StructType dense =
        new StructType()
            .add("x", DataTypes.DoubleType)
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType, false))
            .add("beta", DataTypes.createArrayType(DataTypes.DoubleType, false));
    spark.createDataFrame(rows, dense).createOrReplaceTempView("dense_pts");
  }

  private static Double[] boxed(double[] v, int from, int to) {
    return Arrays.stream(Arrays.copyOfRange(v, from, to)).boxed().toArray(Double[]::new);
  }

  private static String call(String output) {
    return CATALOG + ".seed." + output + "(x, alpha, beta)";
  }

  @Test
  void everyOutputMatchesTheClosedFormsOnEachRow() {
    List<Row> got =
        SparkTestSession.get()
            .sql(
                "SELECT x, alpha, beta, "
                    + String.join(
                        ", ",
                        call("f"),
                        call("df_dx"),
                        call("d2f_dx2"),
                        call("grad_alpha"),
                        call("grad_beta"),
                        call("hessian_alpha_beta"),
                        call("eigenvalues_hessian_alpha_beta"))
                    + " FROM pts")
            .collectAsList();
    assertEquals(ROWS, got.size());
    for (Row row : got) {
      double x = row.getDouble(0);
      double[] a = doubles(row.getList(1));
      double[] b = doubles(row.getList(2));
      RationalClosedForm c = new RationalClosedForm(x, a, b);
      String at = "x=" + x;
      assertClose(c.f(), row.getDouble(3), 1e-12, "f " + at);
      assertClose(c.f1(), row.getDouble(4), 1e-11 * c.f1Scale(), "f' " + at);
      assertClose(c.f2(), row.getDouble(5), 1e-10 * c.f2Scale(), "f'' " + at);
      List<Double> ga = row.getList(6);
      List<Double> gb = row.getList(7);
      for (int i = 0; i < 6; i++) {
        assertClose(c.dAlpha(i), ga.get(i), 1e-12, "df/dalpha " + i + " " + at);
        assertClose(c.dBeta(i), gb.get(i), 1e-11, "df/dbeta " + i + " " + at);
      }
      List<scala.collection.Seq<Double>> h = row.getList(8);
      assertEquals(6, h.size());
      for (int i = 0; i < 6; i++) {
        List<Double> hi = CollectionConverters.asJava(h.get(i));
        for (int j = 0; j < 6; j++) {
          assertClose(c.dAlphaBeta(i, j), hi.get(j), 1e-11, "h " + i + "," + j + " " + at);
        }
      }
      double[] expected =
          new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(c.coefficientHessian()))
              .getEigenvalues()
              .clone();
      Arrays.sort(expected);
      List<Double> eig = row.getList(9);
      double scale = Math.max(1, Math.abs(expected[0]) + Math.abs(expected[11]));
      for (int k = 0; k < 12; k++) {
        assertClose(expected[k], eig.get(k), 1e-10 * scale, "eigenvalue " + k + " " + at);
      }
    }
  }

  @Test
  void theSqlFunctionsAreBitForBitTheKernelOnABatchOfTheSameRows() throws Exception {
    FunctionProviders providers = SmallSweeps.providers();
    SweepConfLoader loader = new SweepConfLoader(providers, dir);
    FunctionSignature sig = loader.function(loader.read(dir.resolve("seed.conf")));
    Fn fn = providers.traced(sig);
    List<OutputSpec> outputs =
        List.of(
            new OutputSpec.Derivative("x", 1),
            new OutputSpec.Grad("alpha"),
            new OutputSpec.Hessian("alpha", "beta"));
    EvaluatorFactory factory = AdEvaluatorFactory.ofEveryParameter(fn, outputs);
    double[][] in = new double[13][ROWS];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < 13; c++) {
        in[c][r] = xs.get(r)[c];
      }
    }
    double[][] out = new double[factory.outputWidth()][ROWS];
    factory.create().evaluate(in, out, ROWS);
    List<Row> got =
        SparkTestSession.get()
            .sql(
                "SELECT x, "
                    + call("df_dx")
                    + ", "
                    + call("grad_alpha")
                    + ", flatten("
                    + call("hessian_alpha_beta")
                    + ") FROM pts")
            .collectAsList();
    for (int r = 0; r < ROWS; r++) {
      Row row = got.get(r);
      int at = indexOf(row.getDouble(0));
      assertEquals(
          Double.doubleToRawLongBits(out[0][at]), Double.doubleToRawLongBits(row.getDouble(1)));
      List<Double> g = row.getList(2);
      List<Double> h = row.getList(3);
      for (int i = 0; i < 6; i++) {
        assertEquals(
            Double.doubleToRawLongBits(out[1 + i][at]), Double.doubleToRawLongBits(g.get(i)));
      }
      for (int k = 0; k < 36; k++) {
        assertEquals(
            Double.doubleToRawLongBits(out[7 + k][at]), Double.doubleToRawLongBits(h.get(k)));
      }
    }
  }

  private static int indexOf(double x) {
    for (int r = 0; r < ROWS; r++) {
      if (xs.get(r)[0] == x) {
        return r;
      }
    }
    throw new AssertionError("no row with x = " + x);
  }

  private static double[] doubles(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void inlineFunctionsAndSparksCastsOfIntegersAndDecimals() {
    Row r =
        SparkTestSession.get()
            .sql(
                "SELECT "
                    + CATALOG
                    + ".cube.f(2, 0.5), "
                    + CATALOG
                    + ".cube.d2f_dy2(2, 0.5), "
                    + CATALOG
                    + ".cube.d3f_dy3(2L, 0.5), "
                    + CATALOG
                    + ".cube.grad_c(2, 0.5)")
            .first();
    assertEquals(4.0, r.getDouble(0), 1e-15);
    assertEquals(6.0, r.getDouble(1), 1e-15, "d2/dy2 of c y^3 is 6 c y");
    assertEquals(3.0, r.getDouble(2), 1e-15, "d3/dy3 of c y^3 is 6 c");
    assertEquals(8.0, r.getDouble(3), 1e-15, "d/dc of c y^3 is y^3");
    List<Double> g =
        SparkTestSession.get()
            .sql("SELECT " + CATALOG + ".cube.grad_y_c(2, 0.5)")
            .first()
            .getList(0);
    assertEquals(List.of(6.0, 8.0), g, "grad(y, c) of c y^3 is [3 c y^2, y^3], one array");
    Row upper = SparkTestSession.get().sql("SELECT " + CATALOG + ".CUBE.DF_DY(2, 0.5)").first();
    assertEquals(6.0, upper.getDouble(0), 1e-15, "names ignore case, as Spark's do");
  }

  /**
   * Arrays whose type admits no null element are read without the per-element null check: the same
   * rows give the same values, bit for bit, as through the type that admits nulls.
   */
  @Test
  void arraysThatCannotHoldNullsGiveTheSameValues() {
    String outputs =
        String.join(", ", call("f"), call("df_dx"), call("grad_beta"), call("hessian_alpha_beta"));
    List<Row> checked =
        SparkTestSession.get().sql("SELECT " + outputs + " FROM pts").collectAsList();
    List<Row> unchecked =
        SparkTestSession.get().sql("SELECT " + outputs + " FROM dense_pts").collectAsList();
    assertEquals(ROWS, unchecked.size());
    assertEquals(checked, unchecked);
  }

  @Test
  void aNullScalarGivesNullAndANullVectorOrElementIsReadAsNaN() {
    String nullAlpha = "CAST(NULL AS ARRAY<DOUBLE>)";
    String withNull = "array(1.0, 2.0, 3.0, 4.0, 5.0, NULL)";
    Row r =
        SparkTestSession.get()
            .sql(
                "SELECT "
                    + String.join(
                        ", ",
                        CATALOG + ".cube.f(CAST(NULL AS DOUBLE), 1.0)",
                        call("f").replace("alpha", nullAlpha),
                        call("grad_beta").replace("alpha", nullAlpha),
                        call("f").replace("alpha", withNull),
                        call("grad_beta").replace("alpha", withNull))
                    + " FROM pts LIMIT 1")
            .first();
    assertNull(r.get(0));
    assertTrue(Double.isNaN(r.getDouble(1)), "f with NaN coefficients");
    assertTrue(Double.isNaN(r.getDouble(3)), "f with a NaN coefficient");
    for (int c : new int[] {2, 4}) {
      List<Double> g = r.getList(c);
      assertEquals(6, g.size());
      assertTrue(g.stream().allMatch(v -> Double.isNaN(v)), g.toString());
    }
  }

  @Test
  void listsTheFunctionsOfEachConf() {
    SparkSession spark = SparkTestSession.get();
    List<String> names =
        spark.sql("SHOW USER FUNCTIONS IN " + CATALOG + ".seed").collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    for (String n :
        List.of(
            "f",
            "df_dx",
            "d2f_dx2",
            "grad_alpha",
            "hessian_alpha_beta",
            "eigenvalues_hessian_alpha_beta")) {
      assertTrue(names.stream().anyMatch(s -> s.endsWith(n)), n + " in " + names);
    }
  }

  private static String error(String sql) {
    Exception e =
        assertThrows(Exception.class, () -> SparkTestSession.get().sql(sql).collectAsList());
    String m = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      m += " / " + t.getMessage();
    }
    return m;
  }

  @Test
  void badCallsAreErrorsThatNameTheFunctionAndTheArgument() {
    String count = error("SELECT " + CATALOG + ".seed.f(x, alpha) FROM pts");
    assertTrue(count.contains(CATALOG + ".seed.f takes 3 arguments"), count);
    assertTrue(count.contains("(x double, alpha array<double>[6], beta array<double>[6])"), count);
    String type = error("SELECT " + CATALOG + ".seed.f('a', alpha, beta) FROM pts");
    assertTrue(type.contains("argument 1 (x) must be a number, got STRING"), type);
    String vector = error("SELECT " + CATALOG + ".seed.f(x, x, beta) FROM pts");
    assertTrue(vector.contains("argument 2 (alpha) must be an array of 6 numbers"), vector);
    String length = error("SELECT " + CATALOG + ".seed.f(x, slice(alpha, 1, 5), beta) FROM pts");
    assertTrue(length.contains("argument 2 (alpha) has 5 elements; it must have 6"), length);
    String vectorDerivative = error("SELECT " + CATALOG + ".seed.df_dalpha(x, alpha, beta)");
    assertTrue(vectorDerivative.contains("df_dalpha"), vectorDerivative);
    String wide = error("SELECT " + CATALOG + ".wide.hessian_v_v(sequence(1, 200))");
    assertTrue(
        wide.contains("40000 scalar columns") && wide.contains("limits.max-kernel-columns"), wide);
    String broken = error("SELECT " + CATALOG + ".broken.f(1.0)");
    assertTrue(broken.contains("broken.conf") && broken.contains("nope"), broken);
    String noSweep = error("SELECT " + CATALOG + ".`not-a-sweep`.f(1.0)");
    assertTrue(noSweep.contains("not-a-sweep"), noSweep);
  }
}
