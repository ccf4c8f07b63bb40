package gradgrid.job.bench;

import com.typesafe.config.ConfigFactory;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPointKernel;
import gradgrid.job.criticals.InnerScan;
import gradgrid.job.run.FunctionProviders;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark of the {@code critical-points} output ({@code bench/critical-points.sh}, issue 16),
 * all in one JVM so every ratio compares runs of the same session:
 *
 * <ol>
 *   <li>one thread, no Spark: the raw compiled kernel of f' over 4,096-point batches (the scan's
 *       kernel, {@link CriticalPointKernel#scanFunction}) against {@link InnerScan#scan} over the
 *       seed's plane (f' over the inner grid, brackets, Newton with f'') in inner points per
 *       second;
 *   <li>{@code local[2]}, through the {@code gradgrid} source: the map of {@code
 *       conf/seed-critical-points.conf} on an {@code n x n} plane, {@code sum(maxima + minima)},
 *       against the plain x-sweep of f' over as many points ({@code sum(df_dx)}, pushed into the
 *       tasks, columnar), in evaluations per second.
 * </ol>
 *
 * <p>Usage: {@code CriticalPointsBench <n> <repeats>}; prints one table line per measurement
 * (median over the repeats after two warm-up runs).
 */
public final class CriticalPointsBench {
  private static final int INNER = 20001;

  private CriticalPointsBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args the plane's side n, repeats
   * @throws Exception if a job fails
   */
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int repeats = Integer.parseInt(args[1]);
    oneThread(Math.min(n, 40), repeats);
    SparkSession spark =
        SparkSession.builder().appName("gradgrid critical-points bench").getOrCreate();
    try {
      spark(spark, n, repeats);
    } finally {
      spark.stop();
    }
  }

  private static String mapConf(int n) {
    return "include file(\"conf/seed-critical-points.conf\")\n"
        + "inputs { \"alpha[1]\".points = "
        + n
        + ", \"beta[1]\".points = "
        + n
        + " }\n";
  }

  private static void oneThread(int n, int repeats) throws Exception {
    SweepSpec spec =
        new SweepConfLoader(FunctionProviders.load(), Path.of(""))
            .parse(ConfigFactory.parseString(mapConf(n)).resolve(), "bench");
    CriticalPointKernel recipe =
        new CriticalPointKernel(
            FunctionProviders.load().traced(spec),
            spec.inputs(),
            (OutputSpec.CriticalPoints) spec.outputs().get(0));
    Kernel raw = Jit.compile(recipe.scanFunction());
    double[][] in = new double[3][4096];
    double[][] out = new double[1][4096];
    for (int i = 0; i < 4096; i++) {
      in[0][i] = -10 + 20.0 * i / 4095;
      in[1][i] = -1.2;
      in[2][i] = -0.6;
    }
    long points = (long) n * n * INNER;
    long batches = points / 4096;
    double kernel =
        median(
            repeats,
            () -> {
              for (long b = 0; b < batches; b++) {
                raw.run(in, out, 0, 4096);
              }
            });
    InnerScan scan = recipe.create();
    double[] outer = new double[2];
    double scanned =
        median(
            repeats,
            () -> {
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  outer[0] = -3 + 6.0 * i / (n - 1);
                  outer[1] = -3 + 6.0 * j / (n - 1);
                  scan.scan(outer);
                }
              }
            });
    line(
        "one thread: InnerScan.scan (" + n + " x " + n + " rows)",
        points,
        scanned,
        batches * 4096L,
        kernel,
        "raw f' kernel");
  }

  private static void spark(SparkSession spark, int n, int repeats) throws Exception {
    long points = (long) n * n * INNER;
    String map = mapConf(n);
    String xSweep =
        "include file(\"conf/seed.conf\")\ninputs.x.points = " + points + "\noutputs = [\"f'\"]\n";
    double mapTime =
        median(
            repeats,
            () ->
                spark
                    .read()
                    .format("gradgrid")
                    .option("conf-text", map)
                    .load()
                    .selectExpr("sum(critical_points_x.maxima + critical_points_x.minima)")
                    .first());
    double sweepTime =
        median(
            repeats,
            () ->
                spark
                    .read()
                    .format("gradgrid")
                    .option("conf-text", xSweep)
                    .load()
                    .selectExpr("sum(df_dx)")
                    .first());
    line(
        "local[2]: the map (" + n + " x " + n + " rows x " + INNER + ")",
        points,
        mapTime,
        points,
        sweepTime,
        "x-sweep of f'");
  }

  private interface Job {
    void run() throws Exception;
  }

  private static double median(int repeats, Job job) throws Exception {
    job.run();
    job.run();
    double[] t = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long s = System.nanoTime();
      job.run();
      t[r] = (System.nanoTime() - s) / 1e9;
    }
    Arrays.sort(t);
    return t[repeats / 2];
  }

  private static void line(
      String what, long points, double t, long refPoints, double ref, String refName) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.3g points/s (%.2f s) | %s: %.3g points/s (%.2f s) | %.2fx |%n",
        what,
        points / t,
        t,
        refName,
        refPoints / ref,
        ref,
        (points / t) / (refPoints / ref));
  }
}
