package gradgrid.ad.compile;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Shape;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Compiles graphs into fused batch {@link Kernel}s, through a JVM-wide bounded cache keyed by the
 * graph's canonical hash. See the package documentation for the ABI and an example.
 */
public final class Jit {
  private static final Logger LOG = Logger.getLogger(Jit.class.getName());

  /** The JVM's {@code HugeMethodLimit}: methods with more bytecode are never JIT-compiled. */
  static final int HUGE_METHOD_LIMIT = 8000;

  /** First estimate of bytecode bytes per generated method; halved if a method comes out big. */
  static final int METHOD_BUDGET = 7000;

  /**
   * Least heap a compile takes per equation: 30,000 scalar equations compile in a 1 GiB heap,
   * 150,000 do not, and a 400,000-equation kernel needs about 4 GiB (about 10 KiB each).
   */
  static final long COMPILE_BYTES_PER_EQUATION = 6L << 10;

  /** Cache capacity; {@code -Dgradgrid.jit.cacheSize=N} overrides. */
  public static final int DEFAULT_CACHE_SIZE = 256;

  private static final KernelCache CACHE =
      new KernelCache(Integer.getInteger("gradgrid.jit.cacheSize", DEFAULT_CACHE_SIZE));

  private Jit() {}

  /** Counters of the compile cache. */
  public record CacheStats(long hits, long misses, int size) {}

  /** The kernel of {@code fn}'s graph, from the cache or compiled now. */
  public static Kernel compile(Fn fn) {
    return compile(fn.graph());
  }

  /**
   * The kernel of {@code g}, from the JVM's cache, else from the persistent kernel cache on disk
   * (see {@code DiskKernelCache}: on unless {@code -Dgradgrid.jit.persistentCache=false}), else
   * compiled now.
   */
  public static Kernel compile(Graph g) {
    String key = key(g);
    return CACHE.get(key, () -> compileUncached(g, key, DiskKernelCache.fromSystemProperties()));
  }

  /**
   * {@code f} with parameter {@code param} fixed to {@code value} (row-major), the value a literal
   * the kernel folds (an x-sweep with fixed coefficients reads one column, not thirteen): the same
   * as {@link AD#fix(Fn, String, double...)}, which also fixes some elements of a vector only.
   *
   * @param f the function
   * @param param the parameter to fix
   * @param value its value
   * @return the function of the remaining parameters, jitted when {@code f} is
   */
  public static Fn bind(Fn f, String param, double... value) {
    return AD.fix(f, param, value);
  }

  /**
   * {@code f} with several parameters or single elements ({@code "beta[1]"}) bound at once, the
   * values folded into the kernel: the same as {@link AD#fix(Fn, Map)}.
   *
   * @param f the function
   * @param values the values by parameter name or {@code name[i]}
   * @return the function of what stays free, jitted when {@code f} is
   */
  public static Fn bind(Fn f, Map<String, double[]> values) {
    return AD.fix(f, values);
  }

  /** The cache key of {@code g}: equal for equal graphs, in any JVM with the same options. */
  public static String key(Graph g) {
    return GraphHash.of(g, options());
  }

  /**
   * Compiles {@code g} without looking in or filling either cache, the JVM's or the persistent one
   * (for cold-compile benchmarks).
   */
  public static Kernel compileUncached(Graph g) {
    return compileUncached(g, key(g), null);
  }

  /**
   * Loads and exercises the compiler once (a tiny kernel, not cached), so the first real compile in
   * this JVM does not pay for loading Janino. Cheap to call more than once.
   */
  public static void warmUp() {
    JaninoCompiler.compile(
        "public final class "
            + SourceGen.CLASS
            + " implements gradgrid.ad.compile.KernelBody {\n"
            + "  public void run(double[][] in, int inOff, double[][] out, int outOff, int n) {\n"
            + "    for (int r = 0; r < n; r++) { out[0][outOff + r] = in[0][inOff + r] * 2.0; }\n"
            + "  }\n}\n",
        null);
  }

  /** Hits, misses and size of the JVM-wide compile cache. */
  public static CacheStats cacheStats() {
    return new CacheStats(CACHE.hits(), CACHE.misses(), CACHE.size());
  }

  /** Empties the cache and resets its counters. */
  public static void clearCache() {
    CACHE.clear();
  }

  /** The options that change generated code, so they are part of the key. */
  private static String options() {
    // not whether natives loaded: that is fixed per JVM, and asking would load jblas
    return "dgemmMin=" + MatVecStep.dgemmMinElements() + (Simd.ON ? ",simd" : "");
  }

  /**
   * Compiles {@code g}; a failure for size (out of memory, a JVM class file limit) becomes a {@link
   * KernelTooLargeException}, so a task sees an ordinary exception instead of an error that kills
   * its JVM. A graph whose compile cannot fit in the heap at all is refused before starting.
   */
  private static Kernel compileUncached(Graph g, String key, DiskKernelCache disk) {
    return compileUncached(g, key, disk, HUGE_METHOD_LIMIT);
  }

  /**
   * As above, with the method size past which a kernel is split finer and compiled again (tests
   * lower it to force the retry).
   */
  static Kernel compileUncached(Graph g, String key, DiskKernelCache disk, int hugeMethodLimit) {
    return compileUncached(g, key, disk, hugeMethodLimit, Simd.ON);
  }

  /**
   * As above, building a SIMD kernel where one is exact when {@code simd} is true (tests compare
   * both kinds in one JVM).
   */
  static Kernel compileUncached(
      Graph g, String key, DiskKernelCache disk, int hugeMethodLimit, boolean simd) {
    KernelTooLargeException.checkHeap(
        g, COMPILE_BYTES_PER_EQUATION, Runtime.getRuntime().maxMemory());
    try {
      return compileOrFail(g, key, disk, hugeMethodLimit, simd);
    } catch (RuntimeException | OutOfMemoryError | ClassFormatError e) {
      KernelTooLargeException tooLarge = KernelTooLargeException.of(g, e);
      if (tooLarge == null) {
        throw e;
      }
      LOG.warning(tooLarge.getMessage());
      throw tooLarge;
    }
  }

  /** Compiles {@code g}, halving the method budget while a method reaches {@code hugeLimit}. */
  private static Kernel compileOrFail(
      Graph g, String key, DiskKernelCache disk, int hugeMethodLimit, boolean simd) {
    long t0 = System.nanoTime();
    int budget = METHOD_BUDGET;
    ScalarProgram p = Scalarizer.of(g);
    while (true) {
      SourceGen.Result src = SourceGen.generate(p, budget);
      JaninoCompiler.Compiled c = JaninoCompiler.compile(src.source(), disk);
      int largest = Collections.max(c.methodSizes().values());
      // a method holding a loop keeps the loop's whole body whatever the budget
      int splittable =
          c.methodSizes().entrySet().stream()
              .filter(m -> !src.loopMethods().contains(m.getKey()))
              .mapToInt(Map.Entry::getValue)
              .max()
              .orElse(0);
      if (splittable >= hugeMethodLimit && budget > 100) {
        budget /= 2;
        continue;
      }
      KernelBody body = instantiate(c, src);
      if (disk != null && !c.fromDisk()) {
        disk.store(src.source(), c.classes());
      }
      List<Integer> in = g.inputShapes().stream().map(Shape::size).toList();
      List<Integer> out = g.outputShapes().stream().map(Shape::size).toList();
      Optional<Simd.Body> vector =
          simd ? Simd.kernel(p, body, disk, hugeMethodLimit) : Optional.empty();
      Kernel k =
          vector.isPresent()
              ? new CompiledKernel(
                  vector.get().body(),
                  key,
                  vector.get().source(),
                  vector.get().methodSizes(),
                  in,
                  out)
              : new CompiledKernel(body, key, src.source(), c.methodSizes(), in, out);
      if (LOG.isLoggable(Level.INFO)) {
        LOG.info(
            String.format(
                "%s%s kernel %s in %.1f ms: %d equations, %d scalar nodes, %d methods,"
                    + " largest %d bytes",
                c.fromDisk() ? "loaded (persistent cache)" : "compiled",
                vector.isPresent() ? " SIMD" : "",
                key.substring(0, Math.min(12, key.length())),
                (System.nanoTime() - t0) / 1e6,
                g.eqns().size(),
                p.nodes.size(),
                c.methodSizes().size(),
                largest));
      }
      return k;
    }
  }

  private static KernelBody instantiate(JaninoCompiler.Compiled c, SourceGen.Result src) {
    try {
      return c.type()
          .getConstructor(double[].class, Object[].class)
          .newInstance(src.constants(), src.refs());
    } catch (InstantiationException
        | IllegalAccessException
        | InvocationTargetException
        | NoSuchMethodException e) {
      throw new AdException("could not instantiate a generated kernel", e);
    }
  }
}
