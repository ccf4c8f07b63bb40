package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.examples.Rational;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent kernel cache: a kernel defined from its stored classes computes bit for bit what
 * the compiled one does; a damaged file; directories and files that are not the user's alone, or
 * are links; the size bound, temporary files included; a second JVM that loads the kernel instead
 * of compiling it, unless the cache is off; and two JVMs storing one kernel at once.
 */
class DiskKernelCacheTest {
  @TempDir Path tmp;

  private static SourceGen.Result source(Fn f) {
    return SourceGen.generate(Scalarizer.of(f.graph()), Jit.METHOD_BUDGET);
  }

  /** Compiles as {@link Jit} does: define from the disk, else compile and store. */
  private static JaninoCompiler.Compiled compileStoring(String source, DiskKernelCache disk) {
    JaninoCompiler.Compiled c = JaninoCompiler.compile(source, disk);
    if (!c.fromDisk()) {
      disk.store(source, c.classes());
    }
    return c;
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
    JaninoCompiler.Compiled first = compileStoring(src.source(), disk);
    assertFalse(first.fromDisk());
    assertEquals(1, disk.stores());
    assertTrue(
        Files.isRegularFile(disk.dir().resolve(DiskKernelCache.key(src.source()) + ".kernel")));
    JaninoCompiler.Compiled second = compileStoring(src.source(), disk);
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
    compileStoring(source, disk);
    Path file = disk.dir().resolve(DiskKernelCache.key(source) + ".kernel");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file, bytes);
    assertNull(disk.load(source));
    assertFalse(compileStoring(source, disk).fromDisk());
    assertTrue(compileStoring(source, disk).fromDisk());
    Files.write(file, new byte[] {1, 2, 3});
    assertFalse(compileStoring(source, disk).fromDisk());
  }

  @Test
  void aDirectoryOthersMayWriteToIsNotUsed() throws Exception {
    String source = source(AD.grad(Rational.of(2, 2))).source();
    DiskKernelCache disk = new DiskKernelCache(tmp, DiskKernelCache.DEFAULT_MAX_BYTES);
    compileStoring(source, disk);
    Files.setPosixFilePermissions(disk.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));
    assertNull(disk.load(source), "a world-writable cache must not be read");
    assertFalse(compileStoring(source, disk).fromDisk());
    assertEquals(1, disk.stores(), "nor written");
  }

  @Test
  void theLeastRecentlyUsedFilesGoWhenTheBoundIsPassed() throws Exception {
    List<String> sources = new ArrayList<>();
    for (int deg = 1; deg <= 4; deg++) {
      sources.add(source(AD.grad(Rational.of(deg, deg))).source());
    }
    DiskKernelCache probe = new DiskKernelCache(tmp.resolve("probe"), Long.MAX_VALUE);
    compileStoring(sources.get(3), probe);
    long largest = Files.size(probe.dir().resolve(DiskKernelCache.key(sources.get(3)) + ".kernel"));
    DiskKernelCache disk = new DiskKernelCache(tmp.resolve("c"), 2 * largest + 1);
    for (String s : sources) {
      compileStoring(s, disk);
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

  @Test
  void aVersionDirectoryLinkedToAWorldWritableOneIsNotUsed() throws Exception {
    String source = source(AD.grad(Rational.of(2, 2))).source();
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path root = Files.createDirectory(tmp.resolve("root"));
    DiskKernelCache disk = new DiskKernelCache(root, DiskKernelCache.DEFAULT_MAX_BYTES);
    Files.createSymbolicLink(disk.dir(), open);
    compileStoring(source, disk);
    assertEquals(0, disk.stores(), "nothing is written through the link");
    try (Stream<Path> files = Files.list(open)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aKernelFileThatIsALinkIsNotRead() throws Exception {
    String source = source(AD.grad(Rational.of(2, 2))).source();
    DiskKernelCache elsewhere = new DiskKernelCache(tmp.resolve("a"), Long.MAX_VALUE);
    compileStoring(source, elsewhere);
    DiskKernelCache disk = new DiskKernelCache(tmp.resolve("b"), Long.MAX_VALUE);
    Files.createDirectories(disk.dir());
    Files.setPosixFilePermissions(disk.dir(), PosixFilePermissions.fromString("rwx------"));
    String name = DiskKernelCache.key(source) + ".kernel";
    Files.createSymbolicLink(disk.dir().resolve(name), elsewhere.dir().resolve(name));
    assertNull(disk.load(source), "a link in the cache must not be followed");
    assertTrue(elsewhere.load(source) != null, "the file itself is whole");
  }

  @Test
  void aCacheUnderADirectoryOthersMayWriteToIsNotUsedUnlessItIsSticky() throws Exception {
    String source = source(AD.grad(Rational.of(2, 2))).source();
    Path parent = Files.createDirectory(tmp.resolve("shared parent"));
    DiskKernelCache disk = new DiskKernelCache(parent.resolve("jit"), Long.MAX_VALUE);
    compileStoring(source, disk);
    assertEquals(1, disk.stores());
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertNull(disk.load(source), "anyone could swap the cache for another under this parent");
    Files.setAttribute(parent, "unix:mode", 0_1777);
    assertTrue(disk.load(source) != null, "a sticky directory (like /tmp) is fine");
  }

  @Test
  void filesAndDirectoriesOfAnotherUserAreNotUsed() throws Exception {
    int me = (Integer) Files.getAttribute(tmp, "unix:uid");
    assumeTrue(me == 0, "only root can give a file to another user");
    String source = source(AD.grad(Rational.of(2, 2))).source();
    DiskKernelCache disk = new DiskKernelCache(tmp.resolve("c"), Long.MAX_VALUE);
    compileStoring(source, disk);
    Path file = disk.dir().resolve(DiskKernelCache.key(source) + ".kernel");
    Files.setAttribute(file, "unix:uid", 54321);
    assertNull(disk.load(source), "a file another user owns");
    Files.setAttribute(file, "unix:uid", me);
    assertTrue(disk.load(source) != null);
    Files.setAttribute(disk.dir(), "unix:uid", 54321);
    assertNull(disk.load(source), "a directory another user owns");
    Files.setAttribute(disk.dir(), "unix:uid", me);
    Files.setAttribute(disk.dir().getParent(), "unix:uid", 54321);
    assertNull(disk.load(source), "a parent another user (not root) owns");
  }

  @Test
  void temporaryFilesCountTowardsTheBoundAndStaleOnesAreDeleted() throws Exception {
    String source = source(AD.grad(Rational.of(2, 2))).source();
    DiskKernelCache disk = new DiskKernelCache(tmp.resolve("t"), Long.MAX_VALUE);
    compileStoring(source, disk);
    Path stale = Files.write(disk.dir().resolve(".dead.1.2.tmp"), new byte[1000]);
    Files.setLastModifiedTime(
        stale,
        FileTime.fromMillis(System.currentTimeMillis() - DiskKernelCache.STALE_TMP_MILLIS - 1000));
    Path fresh = Files.write(disk.dir().resolve(".writing.3.4.tmp"), new byte[1 << 20]);
    DiskKernelCache bounded = new DiskKernelCache(tmp.resolve("t"), (1 << 20) + 10);
    String other = source(AD.grad(Rational.of(3, 3))).source();
    compileStoring(other, bounded);
    assertFalse(Files.exists(stale), "a killed JVM's temporary file is deleted");
    assertTrue(Files.exists(fresh), "a store in progress is left alone");
    assertNull(bounded.load(source), "the fresh temporary file's size pushed the oldest out");
  }

  @Test
  void onlyTheKernelJitAcceptsIsStoredNotTheOnesItSplitAgain() throws Exception {
    Fn h = AD.hessian(Rational.of(10, 10), 1, 2);
    String first = source(h).source();
    int largest = Collections.max(JaninoCompiler.compile(first, null).methodSizes().values());
    int limit = largest / 2;
    DiskKernelCache disk = new DiskKernelCache(tmp.resolve("split"), Long.MAX_VALUE);
    Kernel k = Jit.compileUncached(h.graph(), Jit.key(h.graph()), disk, limit);
    String accepted = k.source();
    assertFalse(accepted.equals(first), "the limit forced at least one finer split");
    try (Stream<Path> files = Files.list(disk.dir())) {
      assertEquals(
          List.of(DiskKernelCache.key(accepted) + ".kernel"),
          files.map(f -> f.getFileName().toString()).toList());
    }
    assertEquals(1, disk.stores());
  }

  @Test
  void aBadSizeBoundIsWarnedAboutAndTheDefaultUsed() {
    assertEquals(DiskKernelCache.DEFAULT_MAX_BYTES, DiskKernelCache.maxBytes(null));
    assertEquals(DiskKernelCache.DEFAULT_MAX_BYTES, DiskKernelCache.maxBytes("lots"));
    assertEquals(DiskKernelCache.DEFAULT_MAX_BYTES, DiskKernelCache.maxBytes("-1"));
    assertEquals(DiskKernelCache.DEFAULT_MAX_BYTES, DiskKernelCache.maxBytes("1.5e9"));
    assertEquals(0, DiskKernelCache.maxBytes("0"));
    assertEquals(1024, DiskKernelCache.maxBytes(" 1024 "));
  }

  @Test
  void twoJvmsStoringTheSameKernelAtOnceLeaveOneWholeFile() throws Exception {
    Path dir = tmp.resolve("race");
    Process a = probeProcess(dir, true);
    Process b = probeProcess(dir, true);
    // usually both compile; one that starts late may already find the other's file
    assertTrue(List.of("compiled", "loaded").contains(output(a)));
    assertTrue(List.of("compiled", "loaded").contains(output(b)));
    Path version;
    try (Stream<Path> v = Files.list(dir)) {
      version = v.findFirst().orElseThrow();
    }
    try (Stream<Path> files = Files.list(version)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).endsWith(".kernel"), names.toString());
    }
    assertEquals("loaded", probe(dir, true));
  }

  /** Runs {@link DiskCacheProbe} in a new JVM and returns what it printed. */
  private static String probe(Path dir, boolean on) throws Exception {
    return output(probeProcess(dir, on));
  }

  private static Process probeProcess(Path dir, boolean on) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dgradgrid.jit.cacheDir=" + dir);
    cmd.add("-Dgradgrid.jit.persistentCache=" + on);
    cmd.add(DiskCacheProbe.class.getName());
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static String output(Process p) throws Exception {
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
