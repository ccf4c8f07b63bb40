package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.examples.Rational;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent kernel cache: a kernel defined from its stored classes computes bit for bit what
 * the compiled one does; a damaged file, a directory others may write to, and the size bound; and a
 * second JVM that loads the kernel instead of compiling it, unless the cache is off.
 */
class DiskKernelCacheTest {
  @TempDir Path tmp;

  private static SourceGen.Result source(Fn f) {
    return SourceGen.generate(Scalarizer.of(f.graph()), Jit.METHOD_BUDGET);
  }

  private static double[][] run(
      JaninoCompiler.Compiled c, SourceGen.Result src, Fn f, double[][] in) throws Exception {
    KernelBody body =
        c.type()
            .getConstructor(double[].class, Object[].class)
            .newInstance(src.constants(), src.refs());
    int width = 0;
    for (var s : f.graph().outputShapes()) {
      width += s.size();
    }
    double[][] out = new double[width][in[0].length];
    body.run(in, 0, out, 0, in[0].length);
    return out;
  }

  private static double[][] points(int rows) {
    Random r = new Random(3);
    double[][] in = new double[13][rows];
    for (double[] col : in) {
      for (int i = 0; i < rows; i++) {
        col[i] = -1 + 2 * r.nextDouble();
      }
    }
    return in;
  }

  @Test
  void aKernelDefinedFromTheDiskIsBitForBitTheCompiledOne() throws Exception {
    Fn h = AD.hessian(Rational.of(5, 5), 1, 2);
    SourceGen.Result src = source(h);
    DiskKernelCache disk = new DiskKernelCache(tmp, DiskKernelCache.DEFAULT_MAX_BYTES);
    JaninoCompiler.Compiled first = JaninoCompiler.compile(src.source(), disk);
    assertFalse(first.fromDisk());
    assertEquals(1, disk.stores());
    assertTrue(
        Files.isRegularFile(disk.dir().resolve(DiskKernelCache.key(src.source()) + ".kernel")));
    JaninoCompiler.Compiled second = JaninoCompiler.compile(src.source(), disk);
    assertTrue(second.fromDisk());
    assertEquals(1, disk.hits());
    assertEquals(first.methodSizes(), second.methodSizes());
    double[][] in = points(257);
    double[][] a = run(first, src, h, in);
    double[][] b = run(second, src, h, in);
    for (int k = 0; k < a.length; k++) {
      assertArrayEquals(bits(a[k]), bits(b[k]), "column " + k);
    }
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(disk.dir())));
    assertTrue(
        disk.dir().getFileName().toString().matches("v1-gradgrid.+-java\\d+-janino3\\..+"),
        disk.dir().toString());
  }

  @Test
  void aDamagedFileIsCompiledAgainAndReplaced() throws Exception {
    String source = source(AD.grad(Rational.of(2, 2))).source();
    DiskKernelCache disk = new DiskKernelCache(tmp, DiskKernelCache.DEFAULT_MAX_BYTES);
    JaninoCompiler.compile(source, disk);
    Path file = disk.dir().resolve(DiskKernelCache.key(source) + ".kernel");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file, bytes);
    assertNull(disk.load(source));
    assertFalse(JaninoCompiler.compile(source, disk).fromDisk());
    assertTrue(JaninoCompiler.compile(source, disk).fromDisk());
    Files.write(file, new byte[] {1, 2, 3});
    assertFalse(JaninoCompiler.compile(source, disk).fromDisk());
  }

  @Test
  void aDirectoryOthersMayWriteToIsNotUsed() throws Exception {
    String source = source(AD.grad(Rational.of(2, 2))).source();
    DiskKernelCache disk = new DiskKernelCache(tmp, DiskKernelCache.DEFAULT_MAX_BYTES);
    JaninoCompiler.compile(source, disk);
    Files.setPosixFilePermissions(disk.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));
    assertNull(disk.load(source), "a world-writable cache must not be read");
    assertFalse(JaninoCompiler.compile(source, disk).fromDisk());
    assertEquals(1, disk.stores(), "nor written");
  }

  @Test
  void theLeastRecentlyUsedFilesGoWhenTheBoundIsPassed() throws Exception {
    List<String> sources = new ArrayList<>();
    for (int deg = 1; deg <= 4; deg++) {
      sources.add(source(AD.grad(Rational.of(deg, deg))).source());
    }
    DiskKernelCache probe = new DiskKernelCache(tmp.resolve("probe"), Long.MAX_VALUE);
    JaninoCompiler.compile(sources.get(3), probe);
    long largest = Files.size(probe.dir().resolve(DiskKernelCache.key(sources.get(3)) + ".kernel"));
    DiskKernelCache disk = new DiskKernelCache(tmp.resolve("c"), 2 * largest + 1);
    for (String s : sources) {
      JaninoCompiler.compile(s, disk);
      Thread.sleep(20);
    }
    long total = 0;
    try (Stream<Path> files = Files.list(disk.dir())) {
      for (Path f : files.toList()) {
        total += Files.size(f);
      }
    }
    assertTrue(total <= 2 * largest + 1, "total " + total);
    assertNull(disk.load(sources.get(0)), "the oldest was evicted");
    assertTrue(disk.load(sources.get(3)) != null, "the newest stays");
  }

  @Test
  void aSecondJvmLoadsTheKernelUnlessTheCacheIsOff() throws Exception {
    Path dir = tmp.resolve("jvm cache");
    assertEquals("compiled", probe(dir, true));
    assertEquals("loaded", probe(dir, true));
    assertEquals("compiled", probe(dir, false));
  }

  /** Runs {@link DiskCacheProbe} in a new JVM and returns what it printed. */
  private static String probe(Path dir, boolean on) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dgradgrid.jit.cacheDir=" + dir);
    cmd.add("-Dgradgrid.jit.persistentCache=" + on);
    cmd.add(DiskCacheProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out.substring(out.lastIndexOf('\n') + 1);
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }
}
