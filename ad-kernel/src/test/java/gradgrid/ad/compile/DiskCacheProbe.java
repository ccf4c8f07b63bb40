package gradgrid.ad.compile;

import gradgrid.ad.AD;
import gradgrid.ad.examples.Rational;

/**
 * A fresh JVM's first kernel ({@link DiskKernelCacheTest}): compiles the worked example's
 * coefficient Hessian through {@link Jit} with the persistent cache the system properties set, and
 * prints {@code loaded} if its classes came from the disk, {@code compiled} otherwise.
 */
final class DiskCacheProbe {
  private DiskCacheProbe() {}

  public static void main(String[] args) {
    Jit.compile(AD.hessian(Rational.of(5, 5), 1, 2).graph());
    DiskKernelCache disk = DiskKernelCache.fromSystemProperties();
    System.out.println(disk != null && disk.hits() > 0 ? "loaded" : "compiled");
  }
}
