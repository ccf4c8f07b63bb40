package gradgrid.job;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.RationalProvider;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hipparchus.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped 12-dimensional Sobol sweep of the worked example ({@code conf/seed-sobol.conf}, 1e6
 * points), shrunk to 1e5 points for CI: written with Spark, read back (streamed in sample order),
 * its coordinates compared with Hipparchus's Sobol sequence and its values with the closed forms of
 * f and df/dalpha.
 */
class SampledSweepTest {
  /** 1e5 in CI; {@code -Dgradgrid.sampled.points=1000000} runs the conf's own size. */
  private static final int POINTS = Integer.getInteger("gradgrid.sampled.points", 100_000);

  private static final double X = 1.5;
  // the bounds of conf/seed-sobol.conf: alpha's 6 coordinates, then beta's
  private static final double[] FROM = {
    0.25, -1.8, -1.2, 0.2, 0.025, -0.015, 0.15, -0.9, 0.05, 0.04, -0.015, 0.0005
  };
  private static final double[] TO = {
    0.75, -0.6, -0.4, 0.6, 0.075, -0.005, 0.45, -0.3, 0.15, 0.12, -0.005, 0.0015
  };

  @TempDir Path dir;

  private final FunctionProviders providers = FunctionProviders.of(new RationalProvider());

  private SweepSpec shipped(String overrides) {
    Path root = Path.of(System.getProperty("gradgrid.project.root", ".."));
    Config c =
        ConfigFactory.parseString(overrides)
            .withFallback(ConfigFactory.parseFile(root.resolve("conf/seed-sobol.conf").toFile()))
            .resolve();
    return new SweepConfLoader(providers, dir).parse(c, "t");
  }

  @Test
  void twelveDimensionalSobolSweepMatchesHipparchusAndTheClosedForms() throws Exception {
    SweepSpec spec =
        shipped(
            "inputs.alpha.points = "
                + POINTS
                + "\ninputs.beta.points = "
                + POINTS
                + "\noutput.dir = \""
                + dir.resolve("out")
                + "\"\npartitions = 6\noutputs = [f, \"grad(alpha)\"]\n");
    assertEquals(POINTS, spec.grid().rows());
    SparkSession spark = SparkTestSession.get();
    SweepToParquet.run(
        spark, spec, providers.evaluator(spec), new PrintStream(OutputStream.nullOutputStream()));
    StringBuilder cols = new StringBuilder("sample");
    for (String p : new String[] {"alpha", "beta"}) {
      for (int i = 0; i < 6; i++) {
        cols.append(", ").append(p).append('_').append(i);
      }
    }
    Iterator<Row> rows =
        spark
            .read()
            .parquet(spec.output())
            .selectExpr((cols + ", f, grad_alpha").split(", "))
            .orderBy("sample")
            .toLocalIterator();
    SobolSequenceGenerator sobol = new SobolSequenceGenerator(12);
    double[] xi = new double[6];
    for (int i = 0; i < 6; i++) {
      xi[i] = Math.pow(X, i);
    }
    int k = 0;
    for (; rows.hasNext(); k++) {
      Row r = rows.next();
      assertEquals(k, r.getLong(0), "one row per sample, in order");
      double[] u = sobol.nextVector();
      double[] c = new double[12];
      for (int d = 0; d < 12; d++) {
        c[d] = r.getDouble(1 + d);
        // coordinate d of sample k = from + (to - from) * (Hipparchus's point k)[d], exactly
        assertEquals(FROM[d] + (TO[d] - FROM[d]) * u[d], c[d], 0.0, "sample " + k + " d=" + d);
      }
      // f = P / (1 + Q^2), P = sum alpha_i x^i, Q = sum beta_j x^j; df/dalpha_i = x^i / D
      double p = 0;
      double q = 0;
      for (int i = 0; i < 6; i++) {
        p += c[i] * xi[i];
        q += c[6 + i] * xi[i];
      }
      double den = 1 + q * q;
      assertClose(p / den, r.getDouble(13), 1e-12, "f at sample " + k);
      List<Double> grad = r.getList(14);
      for (int i = 0; i < 6; i++) {
        assertClose(xi[i] / den, grad.get(i), 1e-12, "df/dalpha_" + i + " at sample " + k);
      }
    }
    assertEquals(POINTS, k, "rows");
  }

  @Test
  void aSampledScalarXKeepsItsDerivativeOutputs() throws Exception {
    double[] alpha = {0.5, -1.2, -0.8, 0.4, 0.05, -0.01};
    double[] beta = {0.3, -0.6, 0.1, 0.08, -0.01, 0.001};
    SweepSpec spec =
        new SweepConfLoader(providers, dir)
            .parse(
                ConfigFactory.parseString(
                    "function { builtin = rational, deg-p = 5, deg-q = 5 }\n"
                        + "inputs.alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]\n"
                        + "inputs.beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]\n"
                        + "inputs.x { sample = uniform, seed = 99, points = 500, from = -3, to = 3 }\n"
                        + "outputs = [f, \"f'\"]\noutput.dir = \""
                        + dir.resolve("x")
                        + "\"\n"),
                "t");
    SparkSession spark = SparkTestSession.get();
    SweepToParquet.run(
        spark, spec, providers.evaluator(spec), new PrintStream(OutputStream.nullOutputStream()));
    List<Row> rows = spark.read().parquet(spec.output()).orderBy("sample").collectAsList();
    assertEquals(500, rows.size());
    for (Row r : rows) {
      double x = r.getDouble(1);
      double p = 0;
      double dp = 0;
      double q = 0;
      double dq = 0;
      for (int i = 0; i < 6; i++) {
        p += alpha[i] * Math.pow(x, i);
        q += beta[i] * Math.pow(x, i);
        dp += i == 0 ? 0 : i * alpha[i] * Math.pow(x, i - 1);
        dq += i == 0 ? 0 : i * beta[i] * Math.pow(x, i - 1);
      }
      double den = 1 + q * q;
      // f = P / D; f' = P'/D - 2 P Q Q' / D^2
      assertClose(p / den, r.getDouble(2), 1e-12, "f at x=" + x);
      assertClose(dp / den - 2 * p * q * dq / (den * den), r.getDouble(3), 1e-11, "f' at x=" + x);
    }
  }
}
