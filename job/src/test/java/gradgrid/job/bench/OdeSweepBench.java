package gradgrid.job.bench;

import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.run.BatchEvaluator;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.write.SweepToParquet;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The Lotka-Volterra sensitivities of {@code conf/lotka-volterra.conf} over an n x n parameter
 * plane end to end (not a unit test): the sweep to Parquet in {@code local[2]} (the path of {@code
 * ./submit.sh}, commit included), against the same evaluator on one thread without Spark over a
 * slice of the plane, in the same JVM; the ratio is the sweep's rows/s over twice the one-thread
 * rate (1.0 would be two cores with no overhead at all). Usage: {@code OdeSweepBench [n]}, run by
 * {@code bench/ode-sweep.sh}.
 */
public final class OdeSweepBench {
  private OdeSweepBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args the plane's side n (default 1000: 1e6 points)
   * @throws Exception if the sweep fails
   */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = Files.createTempDirectory("gradgrid-ode-bench");
    Path conf = dir.resolve("lv.conf");
    Files.writeString(
        conf,
        "include file(\""
            + Path.of("conf", "lotka-volterra.conf").toAbsolutePath()
            + "\")\ninputs.a.points = "
            + n
            + "\ninputs.b.points = "
            + n
            + "\noutput.dir = \""
            + dir.resolve("out")
            + "\"\n");
    FunctionProviders providers = FunctionProviders.load();
    SweepSpec spec = new SweepConfLoader(providers, dir).load(conf);
    EvaluatorFactory factory = providers.evaluator(spec);
    double oneThread = oneThread(factory);
    SparkSession spark = SparkSession.builder().appName("gradgrid ode bench").getOrCreate();
    try {
      long rows = (long) n * n;
      long t0 = System.nanoTime();
      SweepToParquet.run(spark, spec, factory, new PrintStream(OutputStream.nullOutputStream()));
      double seconds = (System.nanoTime() - t0) / 1e9;
      long bytes;
      try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
        bytes =
            files
                .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                .mapToLong(p -> p.toFile().length())
                .sum();
      }
      double rate = rows / seconds;
      System.out.printf(
          Locale.ROOT,
          "| %d x %d = %.3g rows, %d outputs | %.1f s, %.3g rows/s | one thread: %.3g rows/s"
              + " | %.2fx two cores | %.1f B/row |%n",
          n,
          n,
          (double) rows,
          spec.outputs().size(),
          seconds,
          rate,
          oneThread,
          rate / (2 * oneThread),
          (double) bytes / rows);
    } finally {
      spark.stop();
    }
  }

  /** Rows per second of the evaluator on one thread: 4,096-row batches, median of 5 after 2. */
  private static double oneThread(EvaluatorFactory factory) {
    int rows = 4096;
    double[][] in = new double[factory.inputWidth()][rows];
    for (int r = 0; r < rows; r++) {
      in[0][r] = 0.5 + r / (double) rows;
      in[1][r] = 0.2 + 0.4 * ((r * 37) % rows) / rows;
    }
    double[][] out = new double[factory.outputWidth()][rows];
    BatchEvaluator e = factory.create();
    double[] t = new double[7];
    for (int k = 0; k < t.length; k++) {
      long s = System.nanoTime();
      e.evaluate(in, out, rows);
      t[k] = (System.nanoTime() - s) / 1e9;
    }
    double[] timed = Arrays.copyOfRange(t, 2, t.length);
    Arrays.sort(timed);
    return rows / timed[timed.length / 2];
  }
}
