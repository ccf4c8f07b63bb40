package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIMD kernels, run by {@link SimdProbe} in JVMs of their own: with the Vector API they equal the
 * interpreter and the scalar kernel bit for bit; {@code -Dgradgrid.jit.simd=true} turns them on;
 * without the module the switch warns once and kernels stay scalar; off by default.
 */
class SimdKernelTest {
  private static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

  @Test
  void simdKernelsEqualTheInterpreterAndTheScalarKernelBitForBit() throws Exception {
    List<String> out = probe(true, null, "compare");
    assertEquals(NOTICE, out.get(0), "the JVM's one notice, then the probe's lines");
    assertEquals(
        List.of(
            "bit for bit: x-sweep",
            "bit for bit: x-sweep, 13 columns",
            "bit for bit: grad(f[x fixed], argnums=[0, 1])",
            "bit for bit: hessian(f[x fixed], argnums=[0, 1])",
            "bit for bit: branches",
            "scalar: g"),
        out.subList(1, out.size()));
  }

  @Test
  void theSwitchTurnsSimdOnOnlyWithTheModule() throws Exception {
    assertEquals("simd", last(probe(true, "true", "switch")));
    assertEquals("scalar", last(probe(true, null, "switch")), "off by default");
    List<String> without = probe(false, "true", "switch");
    assertEquals("scalar", last(without));
    assertTrue(
        String.join("\n", without)
            .contains(
                "-Dgradgrid.jit.simd=true needs the JVM option --add-modules"
                    + " jdk.incubator.vector; kernels stay scalar"),
        String.join("\n", without));
  }

  @Test
  void withoutTheModuleThisJvmBuildsScalarKernels() {
    assertFalse(Simd.available(), "the test JVM runs without jdk.incubator.vector");
    Kernel k =
        Jit.compileUncached(SimdProbe.xSweep().graph(), "k", null, Jit.HUGE_METHOD_LIMIT, true);
    assertFalse(k.source().contains("DoubleVector"));
  }

  private static String last(List<String> lines) {
    return lines.get(lines.size() - 1);
  }

  private static List<String> probe(boolean module, String simd, String mode) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (module) {
      cmd.add("--add-modules");
      cmd.add("jdk.incubator.vector");
    }
    if (simd != null) {
      cmd.add("-Dgradgrid.jit.simd=" + simd);
    }
    cmd.add("-Dgradgrid.jit.persistentCache=false");
    // the probe's stdout is its answer: the test JVM's logging settings keep INFO records off it
    String logging = System.getProperty("java.util.logging.config.file");
    if (logging != null) {
      cmd.add("-Djava.util.logging.config.file=" + logging);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SimdProbe.class.getName());
    cmd.add(mode);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return List.of(out.split("\n"));
  }
}
