package gradgrid.job.frame;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.examples.Odes;
import gradgrid.job.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A function with a loop (Lotka-Volterra by 100 RK4 steps, written with {@code Loops.fori}) on a
 * DataFrame with no special case: value, gradients and Hessian columns against the same function's
 * transforms run by the interpreter, and the gradient against central differences.
 */
class LoopFunctionTest {
  private static final Fn F = Odes.lotkaVolterra(100, 2.0);

  @Test
  void valueGradientsAndHessianOfAnOdeSolution() {
    Random r = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Double[] p = {
        0.8 + 0.4 * r.nextDouble(), 0.3 + 0.4 * r.nextDouble(), 0.6 + 0.4 * r.nextDouble(), 0.2
      };
      Double[] s0 = {1.0 + r.nextDouble(), 0.5 + r.nextDouble()};
      rows.add(RowFactory.create(i, p, s0));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("p", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("s0", DataTypes.createArrayType(DataTypes.DoubleType));
    Dataset<Row> df = SparkTestSession.get().createDataFrame(rows, schema).repartition(3);
    List<Row> got =
        Gradgrid.evaluate(df, F, "f", "grad(p)", "grad(s0)", "hessian(p)").collectAsList();
    assertEquals(40, got.size());
    Fn gradP = AD.grad(F, 0);
    Fn gradS = AD.grad(F, 1);
    Fn hess = AD.hessian(F, 0);
    for (Row row : got) {
      double[] p = doubles(row.getList(1));
      double[] s0 = doubles(row.getList(2));
      String at = "row " + row.getInt(0);
      assertClose(F.call(p, s0)[0][0], row.getDouble(3), 1e-14, "f " + at);
      double[] gp = gradP.call(p, s0)[0];
      double[] gs = gradS.call(p, s0)[0];
      double[] h = hess.call(p, s0)[0];
      List<Double> rowGp = row.getList(4);
      List<Double> rowGs = row.getList(5);
      List<scala.collection.Seq<Double>> rowH = row.getList(6);
      for (int k = 0; k < 4; k++) {
        assertClose(gp[k], rowGp.get(k), 1e-12, "df/dp " + k + " " + at);
        List<Double> hk = CollectionConverters.asJava(rowH.get(k));
        for (int j = 0; j < 4; j++) {
          assertClose(h[4 * k + j], hk.get(j), 1e-10, 1.0, "d2f/dp2 " + k + "," + j + " " + at);
        }
      }
      for (int k = 0; k < 2; k++) {
        assertClose(gs[k], rowGs.get(k), 1e-12, "df/ds0 " + k + " " + at);
      }
      double eps = 1e-6;
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[1] += eps;
      minus[1] -= eps;
      double fd = (F.call(plus, s0)[0][0] - F.call(minus, s0)[0][0]) / (2 * eps);
      assertClose(fd, rowGp.get(1), 1e-7, "df/db vs central differences " + at);
    }
  }

  private static double[] doubles(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
