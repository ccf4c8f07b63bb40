package gradgrid.job.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Filter pushdown on a sampled sweep: grid axes and the sample index prune; filters on sampled
 * coordinates are left to Spark, and every query keeps exactly the rows (coordinates, index and
 * outputs) that Spark's own filtering of the whole table keeps.
 */
class SweepScanBuilderTest {
  private static final String SAMPLED =
      SmallSweeps.SEED
          + "inputs.x { from = -1, to = 1, points = 5 }\n"
          + "inputs.alpha { sample = uniform, seed = 5, points = 40, from = -1, to = 1 }\n"
          + "outputs = [f]\n";

  @TempDir Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> source() throws Exception {
    Path p = dir.resolve("s.conf");
    Files.writeString(p, SAMPLED + "output.dir = \"" + dir.resolve("out") + "\"\n");
    return spark.read().format("gradgrid").option("conf", p.toString()).load();
  }

  private static SweepScan scanOf(Dataset<Row> d) {
    LogicalPlan plan = d.queryExecution().optimizedPlan();
    for (LogicalPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
      if (leaf instanceof DataSourceV2ScanRelation r) {
        return (SweepScan) r.scan();
      }
    }
    throw new AssertionError("no gradgrid scan in " + plan);
  }

  private List<Row> all;

  private void assertFilter(String where, Predicate<Row> test, String rows) throws Exception {
    if (all == null) {
      all = source().collectAsList();
    }
    Dataset<Row> d = source().where(where);
    String description = scanOf(d).description();
    assertTrue(description.contains(rows), where + ": " + description);
    long expected = all.stream().filter(test).count();
    assertEquals(expected, d.count(), where);
    assertEquals(
        all.stream().filter(test).map(Row::toString).sorted().toList(),
        d.collectAsList().stream().map(Row::toString).sorted().toList(),
        where);
  }

  @Test
  void theSchemaLeadsWithTheSampleIndex() throws Exception {
    assertEquals(
        "struct<sample:bigint,x:double,alpha_0:double,alpha_1:double,alpha_2:double,"
            + "alpha_3:double,alpha_4:double,alpha_5:double,f:double>",
        source().schema().catalogString());
    assertEquals(200, source().count());
  }

  @Test
  void filtersOnSampledColumnsAreNotPushed() throws Exception {
    assertFilter("alpha_0 > 0", r -> r.getDouble(2) > 0, "rows: 200 of 200");
    assertFalse(scanOf(source().where("alpha_0 > 0")).description().contains("pushed"));
    assertFilter(
        "alpha_3 BETWEEN -0.5 AND 0.5 OR sample = 3",
        r -> (r.getDouble(5) >= -0.5 && r.getDouble(5) <= 0.5) || r.getLong(0) == 3,
        "rows: 200 of 200");
  }

  @Test
  void filtersOnTheSampleIndexKeepOnlyThoseSamples() throws Exception {
    assertFilter("sample < 7", r -> r.getLong(0) < 7, "rows: 35 of 200");
    assertFilter(
        "sample = 39 AND x = -1",
        r -> r.getLong(0) == 39 && r.getDouble(1) == -1,
        "rows: 1 of 200");
    assertFilter(
        "sample IN (3, 17, 30) OR sample BETWEEN 35 AND 36",
        r -> List.of(3L, 17L, 30L, 35L, 36L).contains(r.getLong(0)),
        "rows: 25 of 200");
    assertFilter("NOT (sample >= 2.5)", r -> r.getLong(0) < 2.5, "rows: 15 of 200");
    assertFilter("sample > 1000", r -> false, "rows: 0 of 200");
  }

  @Test
  void aGridAxisStillPrunesBesideSamples() throws Exception {
    assertFilter(
        "x = 0.5 AND alpha_1 < 0",
        r -> r.getDouble(1) == 0.5 && r.getDouble(3) < 0,
        "rows: 40 of 200");
    assertTrue(scanOf(source().where("x = 0.5")).description().contains("pushed"));
  }

  @Test
  void theSampleIndexColumnIsPrunedWhenNotRead() throws Exception {
    Dataset<Row> d = source().select("x", "f");
    assertEquals("struct<x:double,f:double>", scanOf(d).readSchema().catalogString());
    assertEquals(200, d.count());
  }
}
