package gradgrid.job.bench;

import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.SampleMethod;
import gradgrid.job.grid.Samples;
import gradgrid.job.run.BatchEvaluator;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.RationalProvider;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The benchmark of sampled sweeps ({@code bench/sampling.sh}, issue 13), in one thread, no Spark:
 * the 12-dimensional Sobol space of {@code conf/seed-sobol.conf} (alpha and beta, 6 + 6
 * coordinates, its outputs f, grad(alpha), grad(beta)) against the compiled kernel of the same
 * sweep. Per point: Sobol generation (consecutive indices, as a task reads its range; and random
 * access, Hipparchus's skip-ahead), uniform generation, and the kernel on batches of 4096 points
 * already in columns; prints each and the ratio generation / kernel.
 *
 * <p>Usage: {@code SamplingBench <points> <repeats> <conf file>}; the median of {@code repeats}
 * runs after two warm-ups.
 */
public final class SamplingBench {
  private static final int BATCH = 4096;

  private SamplingBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args points, repeats, the path of seed-sobol.conf
   */
  public static void main(String[] args) {
    int points = (int) Double.parseDouble(args[0]);
    int repeats = Integer.parseInt(args[1]);
    Path conf = Path.of(args[2]);
    FunctionProviders providers = FunctionProviders.of(new RationalProvider());
    SweepSpec spec = new SweepConfLoader(providers, Path.of(".")).load(conf);
    Samples sobol = spec.grid().samples().orElseThrow();
    int dims = sobol.dimension();
    Samples uniform =
        new Samples(
            new SampleMethod.Uniform(7),
            sobol.points(),
            sobol.axes().stream().map(a -> a.input()).toList(),
            box(sobol, 0),
            box(sobol, 1));
    double[][] in = new double[dims][BATCH];
    int outWidth = providers.evaluator(spec).outputWidth();
    double[][] out = new double[outWidth][BATCH];
    BatchEvaluator kernel = providers.evaluator(spec).create();
    System.out.println(
        "sample space: " + sobol + "; kernel: " + dims + " inputs, " + outWidth + " outputs");
    double seq = median(repeats, () -> generate(sobol, points, in, false)) / points;
    double skip = median(repeats, () -> generate(sobol, points, in, true)) / points;
    double uni = median(repeats, () -> generate(uniform, points, in, false)) / points;
    double kern = median(repeats, () -> kernel(kernel, points, in, out)) / points;
    System.out.printf("sobol, consecutive (a task's range):  %7.1f ns a point%n", seq);
    System.out.printf("sobol, random access (skipTo):       %7.1f ns a point%n", skip);
    System.out.printf("uniform (seeded, counter-based):      %7.1f ns a point%n", uni);
    System.out.printf("kernel (f, grad alpha, grad beta):    %7.1f ns a point%n", kern);
    System.out.printf(
        "ratio generation / kernel: sobol %.3f, sobol skip %.3f, uniform %.3f%n",
        seq / kern, skip / kern, uni / kern);
  }

  /** Lower (0) or upper (1) bounds of a space, read back from its points' extremes. */
  private static double[] box(Samples s, int end) {
    double[] b = new double[s.dimension()];
    for (int d = 0; d < b.length; d++) {
      // Sobol point 0 is the lower corner; an upper bound is from + 2 (centre - from)
      double lo = s.point(0)[d];
      double centre = s.point(1)[d];
      b[d] = end == 0 ? lo : lo + 2 * (centre - lo);
    }
    return b;
  }

  /** Generates {@code points} samples into batch columns; returns nanoseconds. */
  private static long generate(Samples s, int points, double[][] cols, boolean shuffled) {
    long start = System.nanoTime();
    Samples.Cursor c = s.cursor();
    long stride = 2_654_435_761L; // a fixed odd multiplier: a permutation of the indices
    for (int i = 0; i < points; i++) {
      long index = shuffled ? (i * stride) % points : i;
      double[] p = c.at(index);
      int r = i % BATCH;
      for (int d = 0; d < p.length; d++) {
        cols[d][r] = p[d];
      }
    }
    return System.nanoTime() - start + sink(cols);
  }

  /** Evaluates {@code points} rows in batches over columns already filled; returns nanoseconds. */
  private static long kernel(BatchEvaluator k, int points, double[][] in, double[][] out) {
    long start = System.nanoTime();
    for (int done = 0; done < points; done += BATCH) {
      k.evaluate(in, out, Math.min(BATCH, points - done));
    }
    return System.nanoTime() - start + sink(out);
  }

  private static double sum;

  /** Keeps the columns alive (adds 0 nanoseconds unless the sum is NaN). */
  private static long sink(double[][] cols) {
    sum += cols[0][0];
    return Double.isNaN(sum) ? 1 : 0;
  }

  private interface Run {
    long nanos();
  }

  private static double median(int repeats, Run run) {
    run.nanos();
    run.nanos();
    long[] t = new long[repeats];
    for (int i = 0; i < repeats; i++) {
      t[i] = run.nanos();
    }
    Arrays.sort(t);
    return t[repeats / 2];
  }
}
