package gradgrid.job;

import static gradgrid.job.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.testing.LocalCluster;
import gradgrid.job.testing.RationalClosedForm;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster: {@code ./submit.sh cluster start} runs a Master and a Worker on
 * 127.0.0.1 (free ports), {@code ./submit.sh --master spark://...} submits a sweep through
 * SparkSubmit exactly as users do (the build under test replaces the packaged jar), the rows are
 * checked, and {@code ./submit.sh cluster stop} stops both by PID, even on failure.
 */
class StandaloneClusterTest {
  private static final double[] ALPHA = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
  private static final double[] BETA = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};

  @TempDir Path tmp;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void sweepOnMasterAndWorker() throws Exception {
    LocalCluster cluster = new LocalCluster(tmp, 1);
    Path out = tmp.resolve("out");
    Path conf = tmp.resolve("cluster.conf");
    Files.writeString(
        conf,
        "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
            + "inputs { x { from = -2, to = 2, points = 2001 },"
            + " alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01],"
            + " beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001] }\n"
            + "outputs = [f, \"f'\", \"grad(alpha)\"]\n"
            + "output.dir = \""
            + out
            + "\"\npartitions = 4\n");
    try {
      cluster.run(tmp.resolve("start.log"), 90, "cluster", "start");
      String log =
          cluster.run(
              tmp.resolve("submit.log"),
              90,
              "--master",
              cluster.master(),
              "--executor-memory",
              "512m",
              "--conf",
              "spark.executor.cores=2",
              "--conf",
              "spark.executor.extraJavaOptions=" + LocalCluster.QUICK_JVM,
              conf.toString());
      assertTrue(log.contains("wrote 2001 rows"), log);
    } finally {
      cluster.stop();
    }
    List<Row> rows =
        SparkTestSession.get()
            .read()
            .parquet(out.toString())
            .orderBy("x")
            .select("x", "f", "df_dx", "grad_alpha")
            .collectAsList();
    assertEquals(2001, rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      assertEquals(-2 + 4.0 * r / 2000, row.getDouble(0), 1e-12, "grid point " + r);
      RationalClosedForm c = new RationalClosedForm(row.getDouble(0), ALPHA, BETA);
      assertClose(c.f(), row.getDouble(1), 1e-12, "f at row " + r);
      assertClose(c.df(), row.getDouble(2), 1e-11, "f' at row " + r);
      assertClose(c.dAlpha(3), row.<Double>getList(3).get(3), 1e-12, "df/dalpha_3 row " + r);
    }
  }
}
