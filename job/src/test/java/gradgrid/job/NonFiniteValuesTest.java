package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN and infinities are results like any other: stored as they are, counted, no task fails. */
class NonFiniteValuesTest {
  @TempDir Path dir;

  @Test
  void zeroOverZeroAndOverflowAreStoredAndCounted() throws Exception {
    // f = x / x + exp(x): NaN at x = 0 (0/0), +inf at x = 1000 (exp overflows), 1 + e^-1000 = 1
    // at x = -1000, 1 + e at x = 1. f' = (x - x) / x^2 + exp(x): NaN at 0, +inf at 1000.
    FunctionProviders providers = FunctionProviders.load();
    SweepSpec spec =
        new SweepConfLoader(providers, dir)
            .parse(
                ConfigFactory.parseString(
                    "function = \"x / x + exp(x)\"\n"
                        + "inputs.x { values = [-1000, 0, 1, 1000] }\n"
                        + "outputs = [f, \"f'\"]\noutput.dir = out\npartitions = 2\n"),
                "t");
    SweepSummary summary =
        SweepToParquet.run(SparkTestSession.get(), spec, providers.evaluator(spec), System.out);
    assertEquals(4, summary.rows());
    for (String c : List.of("f", "df_dx")) {
      assertEquals(1L, summary.column(c).get("nan"), c);
      assertEquals(1L, summary.column(c).get("posInf"), c);
      assertEquals(0L, summary.column(c).get("negInf"), c);
    }
    List<Row> rows =
        SparkTestSession.get().read().parquet(spec.output()).orderBy("x").collectAsList();
    assertEquals(1.0, rows.get(0).getDouble(1));
    assertEquals(Double.NaN, rows.get(1).getDouble(1));
    assertEquals(1 + Math.E, rows.get(2).getDouble(1), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, rows.get(3).getDouble(1));
    assertEquals(Double.NaN, rows.get(1).getDouble(2));
    assertEquals(Double.POSITIVE_INFINITY, rows.get(3).getDouble(2));
  }
}
