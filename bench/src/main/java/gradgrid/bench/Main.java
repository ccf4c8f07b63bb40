package gradgrid.bench;

import gradgrid.ad.linalg.Linalg;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in this module and prints a Markdown table of scores and ratios against the
 * hand-written reference loops measured in the same run.
 *
 * <p>Usage: {@code java -jar bench/target/benchmarks.jar [quick]}; {@code quick} shortens warm-up
 * and measurement for a smoke run (numbers then are rough).
 */
public final class Main {
  private Main() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    boolean quick = args.length > 0 && args[0].equals("quick");
    if (args.length > 1 || (args.length == 1 && !quick)) {
      System.err.println("Usage: java -jar bench/target/benchmarks.jar [quick]");
      System.exit(2);
    }
    String check = Verify.run();
    System.out.println(check);
    Map<String, double[]> scores = new HashMap<>();
    ChainedOptionsBuilder throughput =
        new OptionsBuilder()
            .include(KernelBench.class.getSimpleName())
            .include(DenseLayerBench.class.getSimpleName());
    if (quick) {
      throughput
          .warmupIterations(2)
          .warmupTime(TimeValue.milliseconds(500))
          .measurementIterations(2)
          .measurementTime(TimeValue.milliseconds(500));
    }
    collect(new Runner(throughput.build()).run(), scores);
    ChainedOptionsBuilder compile =
        new OptionsBuilder().include(CompileBench.class.getSimpleName());
    if (quick) {
      compile.forks(2);
    }
    collect(new Runner(compile.build()).run(), scores);
    double[] cold = ColdCompile.measure(quick ? 3 : 9);
    scores.put("coldWallMedian", new double[] {cold[0], 0});
    scores.put("coldCpuMedian", new double[] {cold[1], 0});
    double[] load = ColdCompile.measureCacheLoad(quick ? 3 : 9);
    scores.put("persistentCacheLoadWallMedian", new double[] {load[0], 0});
    scores.put("persistentCacheLoadCpuMedian", new double[] {load[1], 0});
    System.out.println(report(scores) + "\n" + check);
  }

  private static void collect(Collection<RunResult> results, Map<String, double[]> scores) {
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      List<String> params = new ArrayList<>();
      for (String k : r.getParams().getParamsKeys()) {
        params.add(r.getParams().getParam(k));
      }
      if (!params.isEmpty()) {
        name += params;
      }
      scores.put(
          name,
          new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
  }

  static String report(Map<String, double[]> s) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n## Results\n\n");
    sb.append(
        String.format(
            "JVM %s, %d cores, %s%n%n",
            System.getProperty("java.vm.version"),
            Runtime.getRuntime().availableProcessors(),
            Linalg.nativeStatus()));
    sb.append(
        "| workload (one thread) | hand-written points/s | kernel points/s | ratio | goal |\n");
    sb.append("|---|---:|---:|---:|---|\n");
    row(sb, s, "x-sweep 1e6 points: f, f', f''", "xSweepReference", "xSweepKernel", ">= 0.8");
    row(
        sb,
        s,
        "x-sweep, alpha/beta as 12 input columns",
        "xSweepReference",
        "xSweepKernelUnbound",
        "(info)");
    row(sb, s, "coefficient gradient, 12 outputs", "coefGradReference", "coefGradKernel", ">= 0.8");
    row(
        sb,
        s,
        "coefficient Hessian, 78 unique outputs",
        "coefHessianReference",
        "coefHessianKernel",
        ">= 0.5");
    row(sb, s, "dense layer tanh(W x + b), W 64x64", "denseReference", "denseKernel", "(info)");
    sb.append(
        "\n| linear layer W x + b, W n x n | fused points/s | dgemm points/s | dgemm / fused |\n");
    sb.append("|---|---:|---:|---:|\n");
    for (String n : new String[] {"8", "16", "32", "64", "128", "256"}) {
      double[] f = s.get("layer[" + n + ", fused]");
      double[] d = s.get("layer[" + n + ", dgemm]");
      if (f != null && d != null) {
        sb.append(
            String.format(
                "| n = %s (%d elements) | %.3g | %.3g | %.2f |%n",
                n, Integer.parseInt(n) * Integer.parseInt(n), f[0], d[0], d[0] / f[0]));
      }
    }
    sb.append("\n| compile of the 78-output Hessian kernel | ms |\n|---|---:|\n");
    for (String k :
        new String[] {
          "cold",
          "afterWarmUp",
          "steady",
          "coldWallMedian",
          "coldCpuMedian",
          "persistentCacheLoadWallMedian",
          "persistentCacheLoadCpuMedian"
        }) {
      double[] v = s.get(k);
      if (v != null) {
        sb.append(String.format("| %s | %.1f ± %.1f |%n", k, v[0], v[1]));
      }
    }
    double[] cold = s.get("coldWallMedian");
    double[] load = s.get("persistentCacheLoadWallMedian");
    if (cold != null && load != null) {
      sb.append(
          String.format(
              "%nfirst kernel of a fresh JVM: cold compile / persistent-cache load = %.1fx (wall)%n",
              cold[0] / load[0]));
    }
    return sb.toString();
  }

  private static void row(
      StringBuilder sb, Map<String, double[]> s, String what, String ref, String k, String goal) {
    double[] r = s.get(ref);
    double[] v = s.get(k);
    if (r == null || v == null) {
      return;
    }
    sb.append(
        String.format(
            "| %s | %.3g ± %.1g | %.3g ± %.1g | %.2f | %s |%n",
            what, r[0], r[1], v[0], v[1], v[0] / r[0], goal));
  }
}
