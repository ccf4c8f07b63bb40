package gradgrid.bench;

import gradgrid.ad.compile.Jit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Cold compile of the 78-output Hessian kernel in fresh JVMs, reporting wall time and the compiling
 * thread's CPU time. On a loaded machine wall time mostly measures waiting for a core (and
 * HotSpot's own compiler threads); CPU time is the work the compile itself does.
 */
final class ColdCompile {
  private ColdCompile() {}

  /** In a child JVM: compile once, print "wall cpu" in milliseconds. */
  public static void main(String[] args) {
    var g = Workloads.coefHessian().graph();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    Jit.compileUncached(g);
    long wall = System.nanoTime() - t0;
    long cpu = mx.getCurrentThreadCpuTime() - c0;
    System.out.println("COLD " + wall / 1e6 + " " + cpu / 1e6);
  }

  /** Runs {@code runs} child JVMs; returns the medians {wall, cpu} in milliseconds. */
  static double[] measure(int runs) throws IOException, InterruptedException {
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < runs; i++) {
      Process p =
          new ProcessBuilder(
                  java, "-cp", System.getProperty("java.class.path"), ColdCompile.class.getName())
              .start();
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
