package gradgrid.bench;

import gradgrid.ad.compile.Jit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cold compile of the 78-output Hessian kernel in fresh JVMs, reporting wall time and the compiling
 * thread's CPU time; and the same first kernel of a fresh JVM loaded from a persistent kernel cache
 * that an earlier JVM filled. On a loaded machine wall time mostly measures waiting for a core (and
 * HotSpot's own compiler threads); CPU time is the work the compile itself does.
 */
final class ColdCompile {
  private ColdCompile() {}

  /**
   * In a child JVM: compile once (through the persistent cache with the argument {@code
   * persistent}, else past every cache), print "wall cpu" in milliseconds.
   *
   * @param args {@code persistent} or nothing
   */
  public static void main(String[] args) {
    var g = Workloads.coefHessian().graph();
    boolean persistent = args.length > 0 && args[0].equals("persistent");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    if (persistent) {
      Jit.compile(g);
    } else {
      Jit.compileUncached(g);
    }
    long wall = System.nanoTime() - t0;
    long cpu = mx.getCurrentThreadCpuTime() - c0;
    System.out.println("COLD " + wall / 1e6 + " " + cpu / 1e6);
  }

  /** Runs {@code runs} child JVMs compiling cold; returns the medians {wall, cpu} in ms. */
  static double[] measure(int runs) throws IOException, InterruptedException {
    return measure(runs, null);
  }

  /**
   * Runs one child JVM that fills a new persistent kernel cache, then {@code runs} child JVMs that
   * load the kernel from it; returns the medians {wall, cpu} in milliseconds of the loads.
   */
  static double[] measureCacheLoad(int runs) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("gradgrid-jit-cache-bench");
    try {
      measure(1, dir);
      return measure(runs, dir);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  private static double[] measure(int runs, Path cacheDir)
      throws IOException, InterruptedException {
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < runs; i++) {
      List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
      if (cacheDir != null) {
        cmd.add("-Dgradgrid.jit.cacheDir=" + cacheDir);
      }
      cmd.add(ColdCompile.class.getName());
      if (cacheDir != null) {
        cmd.add("persistent");
      }
      Process p = new ProcessBuilder(cmd).start();
      for (String line :
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("COLD ")) {
          String[] f = line.split(" ");
          wall.add(Double.parseDouble(f[1]));
          cpu.add(Double.parseDouble(f[2]));
        }
      }
      p.waitFor();
    }
    Collections.sort(wall);
    Collections.sort(cpu);
    return new double[] {wall.get(wall.size() / 2), cpu.get(cpu.size() / 2)};
  }
}
