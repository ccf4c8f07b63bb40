package gradgrid.ad.compile;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The switch for SIMD kernels ({@link SimdSourceGen}): on with {@code -Dgradgrid.jit.simd=true} in
 * a JVM started with {@code --add-modules jdk.incubator.vector} (the Vector API is an incubator
 * module in Java 17, so it is never on by default). Requested without the module, one warning says
 * so and kernels stay scalar. Either way results are the scalar kernel's, bit for bit.
 */
final class Simd {
  private static final Logger LOG = Logger.getLogger(Jit.class.getName());

  /** The system property that turns SIMD kernels on. */
  static final String PROPERTY = "gradgrid.jit.simd";

  /** Whether this JVM builds SIMD kernels. */
  static final boolean ON = on();

  private Simd() {}

  /** A SIMD kernel body with the source and method sizes it was compiled from. */
  record Body(KernelBody body, String source, Map<String, Integer> methodSizes) {}

  private static boolean on() {
    if (!Boolean.getBoolean(PROPERTY)) {
      return false;
    }
    if (!available()) {
      LOG.warning(
          "-D"
              + PROPERTY
              + "=true needs the JVM option --add-modules jdk.incubator.vector; kernels stay"
              + " scalar");
      return false;
    }
    return true;
  }

  /** Whether the Vector API module is in this JVM's boot layer. */
  static boolean available() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /**
   * The SIMD kernel of {@code p} with {@code scalar} for the rows past the last whole vector, or
   * empty when the Vector API is missing, {@code p} has no exact lane-wise form or its loop
   * compiles too large for the JIT.
   */
  static Optional<Body> kernel(
      ScalarProgram p, KernelBody scalar, DiskKernelCache disk, int hugeMethodLimit) {
    if (!available()) {
      return Optional.empty();
    }
    Optional<SimdSourceGen.Result> src = SimdSourceGen.generate(p, Jit.METHOD_BUDGET);
    if (src.isEmpty()) {
      return Optional.empty();
    }
    String source = src.get().source();
    JaninoCompiler.Compiled c;
    try {
      c = JaninoCompiler.compile(source, SimdSourceGen.CLASS, disk);
    } catch (KernelCompileException e) {
      // the scalar kernel computes the same numbers: a SIMD kernel is only ever a speed-up
      LOG.warning("a SIMD kernel did not compile; this kernel stays scalar: " + e.getMessage());
      return Optional.empty();
    }
    if (Collections.max(c.methodSizes().values()) >= hugeMethodLimit) {
      return Optional.empty();
    }
    if (disk != null && !c.fromDisk()) {
      disk.store(source, c.classes());
    }
    try {
      KernelBody body =
          c.type()
              .getConstructor(double[].class, KernelBody.class)
              .newInstance(src.get().constants(), scalar);
      return Optional.of(new Body(body, source, c.methodSizes()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not instantiate a generated SIMD kernel", e);
    }
  }
}
