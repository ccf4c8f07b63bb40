package gradgrid.job.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import gradgrid.ad.Param;
import gradgrid.job.conf.FunctionSpec;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.source.SweepRuns;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark plumbing alone, with a trivial evaluator: every grid row comes out exactly once with
 * its own coordinates, whatever the partition count and batch size.
 */
class SweepTaskTest {
  /**
   * f(a, b, v) = a + 10 b + 100 v0 + 1000 v1; the "gradient" column echoes v. Bound to a sweep
   * whose axes are a and v[1], with b and v[0] fixed.
   */
  static final class Linear implements FunctionProvider {
    @Override
    public boolean accepts(FunctionSpec function) {
      return "linear".equals(function.builtin());
    }

    @Override
    public List<Param> signature(FunctionSpec function) {
      return List.of(Param.scalar("a"), Param.scalar("b"), Param.vector("v", 2));
    }

    @Override
    public EvaluatorFactory evaluator(
        FunctionSpec function, List<InputBinding> inputs, List<OutputSpec> outputs) {
      double b = ((InputBinding.Fixed) inputs.get(1)).value()[0];
      double v0 = ((InputBinding.ElementAxes) inputs.get(2)).values()[0];
      return new LinearFactory(b, v0);
    }
  }

  /**
   * Serializable on its own (no enclosing instance); reads the axis columns a and v_1.
   *
   * @param b the fixed b
   * @param v0 the fixed v[0]
   */
  record LinearFactory(double b, double v0) implements EvaluatorFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public int inputWidth() {
      return 2;
    }

    @Override
    public int outputWidth() {
      return 3;
    }

    @Override
    public BatchEvaluator create() {
      return (in, out, n) -> {
        for (int r = 0; r < n; r++) {
          out[0][r] = in[0][r] + 10 * b + 100 * v0 + 1000 * in[1][r];
          out[1][r] = v0;
          out[2][r] = in[1][r];
        }
      };
    }
  }

  @TempDir Path dir;

  @Test
  void everyRowOnceWithItsCoordinates() {
    FunctionProviders providers = FunctionProviders.of(new Linear());
    SweepSpec spec =
        new SweepConfLoader(providers, dir)
            .parse(
                ConfigFactory.parseString(
                    "function.builtin = linear\n"
                        + "inputs { a { from = 0, to = 4, points = 5 }, b = 7, v = [1, 2],"
                        + " \"v[1]\" { values = [3, 5, 9, 6, 8, 2, 4] } }\n"
                        + "outputs = [f, \"grad(v)\"]\nbatch-size = 3\n"),
                "t");
    SparkSession spark = SparkTestSession.get();
    for (int partitions : new int[] {1, 4, 35}) {
      List<Row> rows =
          SweepRuns.read(
                  spark, spec, providers.evaluator(spec), PartitionPlan.split(35, partitions), null)
              .orderBy("a", "v_1")
              .collectAsList();
      assertEquals(35, rows.size(), "partitions=" + partitions);
      assertEquals(
          35, rows.stream().map(r -> r.get(0) + "/" + r.get(1)).distinct().count(), "distinct");
      for (Row r : rows) {
        double a = r.getDouble(0);
        double v1 = r.getDouble(1);
        assertEquals(a + 70 + 100 + 1000 * v1, r.getDouble(2), "f at a=" + a + " v1=" + v1);
        assertEquals(List.of(1.0, v1), r.getList(3));
      }
    }
  }

  @Test
  void aUniformSampleIsTheSameForOneThreeAndSevenPartitions() {
    SweepSpec spec =
        SmallSweeps.spec(
            dir,
            SmallSweeps.SEED
                + "inputs.x { values = [-1, 0.5, 2] }\n"
                + "inputs.alpha { sample = uniform, seed = 11, points = 40, from = -2, to = 2 }\n"
                + "outputs = [f, \"grad(beta)\"]\nbatch-size = 7\n");
    assertEquals(3 * 40, spec.grid().rows());
    SparkSession spark = SparkTestSession.get();
    EvaluatorFactory factory = SmallSweeps.providers().evaluator(spec);
    List<String> first = null;
    for (int partitions : new int[] {1, 3, 7}) {
      List<Row> rows =
          SweepRuns.read(spark, spec, factory, PartitionPlan.split(120, partitions), null)
              .collectAsList();
      assertEquals(120, rows.size(), "partitions=" + partitions);
      List<String> text = rows.stream().map(Row::toString).toList();
      if (first == null) {
        first = text;
      }
      assertEquals(first, text, "partitions=" + partitions);
      for (int k = 0; k < rows.size(); k++) {
        Row r = rows.get(k);
        long sample = r.getLong(0);
        assertEquals(k / 3, sample, "sample index, slowest");
        // coordinate d of sample i: -2 + 4 u, u the (6 i + d)-th number of SplittableRandom(11)
        SplittableRandom jdk = new SplittableRandom(11);
        for (long skip = 0; skip < 6 * sample; skip++) {
          jdk.nextDouble();
        }
        for (int d = 0; d < 6; d++) {
          assertEquals(-2 + 4 * jdk.nextDouble(), r.getDouble(2 + d), 0.0, "row " + k + " d=" + d);
        }
      }
    }
  }
}
