package gradgrid.job.source;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.job.functions.GradgridFunctions;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conf/lotka-volterra.conf}, an ODE written as a {@code fori} loop of the function language,
 * on a 5 x 4 corner of its grid with no special case: through the {@code gradgrid} source, its prey
 * x(10) against Hipparchus' own RK4 with the same step and its sensitivities to every parameter
 * against central differences of that solution; then the same outputs as SQL functions of the
 * conf's catalog on the source's rows.
 */
class LotkaVolterraConfTest {
  private static final String CATALOG = "ggode";

  @TempDir static Path dir;

  private static List<Row> rows;

  @BeforeAll
  static void sweep() throws Exception {
    String conf = Files.readString(Path.of("..", "conf", "lotka-volterra.conf"));
    Path lv = dir.resolve("lv.conf");
    Files.writeString(
        lv,
        conf
            + "\ninputs.a.points = 5\ninputs.b.points = 4\noutput.dir = \""
            + dir.resolve("out")
            + "\"\n");
    SparkSession spark = SparkTestSession.get();
    spark
        .read()
        .format("gradgrid")
        .option("conf", lv.toString())
        .load()
        .createOrReplaceTempView("lv");
    rows = spark.sql("SELECT * FROM lv ORDER BY a, b").collectAsList();
    spark.conf().set("spark.sql.catalog." + CATALOG, GradgridFunctions.class.getName());
    spark.conf().set("spark.sql.catalog." + CATALOG + ".confs", dir.toString());
  }

  /** x(10) by Hipparchus' classical RK4 with h = 0.01 from [x0, y0] = s. */
  private static double prey(double a, double b, double c, double d, double[] s) {
    OrdinaryDifferentialEquation lv =
        new OrdinaryDifferentialEquation() {
          @Override
          public int getDimension() {
            return 2;
          }

          @Override
          public double[] computeDerivatives(double t, double[] y) {
            return new double[] {a * y[0] - b * y[0] * y[1], d * y[0] * y[1] - c * y[1]};
          }
        };
    return new ClassicalRungeKuttaIntegrator(0.01)
        .integrate(lv, new ODEState(0, s.clone()), 10)
        .getPrimaryState()[0];
  }

  private static double central(ToDoubleFunction<Double> f, double at) {
    double h = 1e-6 * Math.max(1, Math.abs(at));
    return (f.applyAsDouble(at + h) - f.applyAsDouble(at - h)) / (2 * h);
  }

  @Test
  void theSourceGivesTheOdeSolutionAndItsSensitivities() {
    assertEquals(20, rows.size());
    Row first = rows.get(0);
    assertEquals(
        List.of("a", "b", "f", "grad_a", "grad_b", "grad_c", "grad_d", "grad_s0"),
        List.of(first.schema().fieldNames()));
    double c = 0.4;
    double d = 0.1;
    double[] s = {10, 5};
    for (Row r : rows) {
      double a = r.getDouble(0);
      double b = r.getDouble(1);
      String at = "a = " + a + ", b = " + b;
      assertClose(prey(a, b, c, d, s), r.getDouble(2), 1e-9, "x(10) at " + at);
      double[] fd = {
        central(v -> prey(v, b, c, d, s), a),
        central(v -> prey(a, v, c, d, s), b),
        central(v -> prey(a, b, v, d, s), c),
        central(v -> prey(a, b, c, v, s), d),
        central(v -> prey(a, b, c, d, new double[] {v, s[1]}), s[0]),
        central(v -> prey(a, b, c, d, new double[] {s[0], v}), s[1])
      };
      List<Double> gs = r.getList(7);
      double[] got = {
        r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6), gs.get(0), gs.get(1)
      };
      for (int k = 0; k < fd.length; k++) {
        assertClose(fd[k], got[k], 1e-5, 1.0, "sensitivity " + k + " at " + at);
      }
    }
  }

  @Test
  void theSameOutputsAsSqlFunctionsOfTheConfsCatalog() {
    String args = "(a, b, 0.4, 0.1, array(10D, 5D))";
    List<Row> sql =
        SparkTestSession.get()
            .sql(
                "SELECT "
                    + CATALOG
                    + ".lv.f"
                    + args
                    + ", "
                    + CATALOG
                    + ".lv.grad_a"
                    + args
                    + ", "
                    + CATALOG
                    + ".lv.grad_s0"
                    + args
                    + " FROM lv ORDER BY a, b")
            .collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Row q = sql.get(i);
      assertEquals(r.getDouble(2), q.getDouble(0), 1e-12 * Math.abs(r.getDouble(2)), "f row " + i);
      assertEquals(
          r.getDouble(3), q.getDouble(1), 1e-12 * (Math.abs(r.getDouble(3)) + 1), "grad_a " + i);
      List<Double> a = r.getList(7);
      List<Double> b = q.getList(2);
      for (int k = 0; k < 2; k++) {
        assertEquals(a.get(k), b.get(k), 1e-12 * (Math.abs(a.get(k)) + 1), "grad_s0 " + i);
      }
    }
  }
}
