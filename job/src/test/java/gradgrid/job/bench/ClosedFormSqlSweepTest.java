package gradgrid.job.bench;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.testing.RationalClosedForm;
import gradgrid.job.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The benchmark's Spark SQL reference computes the closed forms on the sweep's grid. */
class ClosedFormSqlSweepTest {
  @Test
  void referenceColumnsMatchTheClosedFormsOnTheGrid() {
    double[] alpha = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
    double[] beta = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
    List<Row> rows =
        ClosedFormSqlSweep.sweep(SparkTestSession.get(), 201, 3).orderBy("x").collectAsList();
    assertEquals(201, rows.size());
    for (int r = 0; r < rows.size(); r++) {
      double x = rows.get(r).getDouble(0);
      assertEquals(-10 + 20.0 * r / 200, x, 1e-12, "x of row " + r);
      RationalClosedForm c = new RationalClosedForm(x, alpha, beta);
      assertClose(c.f(), rows.get(r).getDouble(1), 1e-12, "f at " + x);
      assertClose(c.f1(), rows.get(r).getDouble(2), 1e-11, "f' at " + x);
      assertClose(c.f2(), rows.get(r).getDouble(3), 1e-10, "f'' at " + x);
    }
  }
}
