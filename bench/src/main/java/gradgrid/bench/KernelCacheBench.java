package gradgrid.bench;

/**
 * The persistent kernel cache's benchmark ({@code bench/kernel-cache.sh}): the first kernel of a
 * fresh JVM (the worked example's 78-output coefficient Hessian), compiled cold against loaded
 * from a persistent cache an earlier JVM filled, as medians over fresh JVMs in the same run.
 */
public final class KernelCacheBench {
  private KernelCacheBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args the number of fresh JVMs per side (default 9)
   * @throws Exception if a child JVM cannot run
   */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    double[] cold = ColdCompile.measure(runs);
    double[] load = ColdCompile.measureCacheLoad(runs);
    System.out.printf(
        "first Hessian kernel of a fresh JVM, median of %d: cold compile %.1f ms wall (%.1f ms CPU),"
            + " persistent-cache load %.1f ms wall (%.1f ms CPU): %.1fx faster (wall), %.1fx (CPU)%n",
        runs, cold[0], cold[1], load[0], load[1], cold[0] / load[0], cold[1] / load[1]);
  }
}
