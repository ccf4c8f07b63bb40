package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark-side line reduction against every row collected on the driver. */
class LineEnvelopeTest {
  @TempDir Path dir;

  @Test
  void perPixelColumnMinMaxEqualAFullCollect() {
    SweepSpec spec =
        SmallSweeps.run(
            dir,
            SmallSweeps.SEED
                + "inputs.x { from = -10, to = 10, points = 3001 }\npartitions = 3\n"
                + "outputs = [f, \"f'\", \"grad(beta)\"]\noutput.dir = s\n");
    Dataset<Row> data = SparkTestSession.get().read().parquet(spec.output());
    int columns = 97;
    List<LineEnvelope> env =
        LineEnvelope.aggregate(
            data,
            "x",
            List.of("f", "f'", "db5"),
            List.of("f", "df_dx", "grad_beta[5]"),
            -10,
            10,
            columns);

    double[][] lo = new double[3][columns];
    double[][] hi = new double[3][columns];
    for (double[] a : lo) {
      Arrays.fill(a, Double.POSITIVE_INFINITY);
    }
    for (double[] a : hi) {
      Arrays.fill(a, Double.NEGATIVE_INFINITY);
    }
    List<Row> all = data.select("x", "f", "df_dx", "grad_beta").collectAsList();
    assertEquals(3001, all.size());
    for (Row r : all) {
      double x = r.getDouble(0);
      // The same expression as the SQL: floor((x - x0) / (x1 - x0) * columns), clamped.
      int px = (int) Math.max(0, Math.min(columns - 1, Math.floor((x - (-10.0)) / 20.0 * columns)));
      double[] y = {r.getDouble(1), r.getDouble(2), r.<Double>getList(3).get(5)};
      for (int k = 0; k < 3; k++) {
        lo[k][px] = Math.min(lo[k][px], y[k]);
        hi[k][px] = Math.max(hi[k][px], y[k]);
      }
    }
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(lo[k], env.get(k).lo(), 0.0, "min, curve " + k);
      assertArrayEquals(hi[k], env.get(k).hi(), 0.0, "max, curve " + k);
      // At most 4 points per column, and the polyline reaches every column's extremes.
      double[] ys = env.get(k).ys();
      assertEquals(true, ys.length <= 4 * columns);
      double ymin = Arrays.stream(ys).min().orElseThrow();
      double ymax = Arrays.stream(ys).max().orElseThrow();
      assertEquals(Arrays.stream(lo[k]).min().orElseThrow(), ymin, 0.0);
      assertEquals(Arrays.stream(hi[k]).max().orElseThrow(), ymax, 0.0);
    }
  }
}
