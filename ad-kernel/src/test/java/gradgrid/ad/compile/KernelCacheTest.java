package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.examples.Rational;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The compile cache: equal graphs share a kernel, in one JVM and (by key) across JVMs. */
class KernelCacheTest {
  @Test
  void equalGraphsBuiltSeparatelyHitTheCache() {
    Fn a = AD.hessian(Rational.of(5, 5), 1, 2);
    Fn b = AD.hessian(Rational.of(5, 5), 1, 2);
    assertNotSame(a.graph(), b.graph());
    Kernel ka = Jit.compile(a);
    long hits = Jit.cacheStats().hits();
    Kernel kb = Jit.compile(b);
    assertSame(ka, kb);
    assertEquals(hits + 1, Jit.cacheStats().hits());
  }

  @Test
  void differentGraphsGetDifferentKeys() {
    assertNotEquals(Jit.key(Rational.of(5, 5).graph()), Jit.key(Rational.of(5, 4).graph()));
    assertNotEquals(
        Jit.key(AD.grad(Rational.of(5, 5), 1).graph()),
        Jit.key(AD.grad(Rational.of(5, 5), 2).graph()));
  }

  @Test
  void theKeyIsTheSameInAnotherJvm() throws IOException, InterruptedException {
    String here = Jit.key(AD.hessian(Rational.of(5, 5), 1, 2).graph());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KeyMain.class.getName())
            .redirectErrorStream(false)
            .start();
    String there = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(here, there);
  }

  /** Prints the Hessian's key: run in a child JVM by the test above. */
  static final class KeyMain {
    public static void main(String[] args) {
      System.out.println(Jit.key(AD.hessian(Rational.of(5, 5), 1, 2).graph()));
    }
  }

  @Test
  void leastRecentlyUsedEntriesAreEvicted() {
    KernelCache c = new KernelCache(2);
    AtomicInteger compiles = new AtomicInteger();
    Kernel k = Jit.compile(Rational.of(1, 1));
    for (String key : List.of("a", "b", "a", "c", "a", "b")) {
      c.get(
          key,
          () -> {
            compiles.incrementAndGet();
            return k;
          });
    }
    // a, b miss; a hits; c misses and evicts b; a hits; b misses again
    assertEquals(4, compiles.get());
    assertEquals(2, c.hits());
    assertEquals(2, c.size());
  }

  @Test
  void aFailedCompileIsNotCached() {
    KernelCache c = new KernelCache(4);
    try {
      c.get(
          "x",
          () -> {
            throw new IllegalStateException("boom");
          });
    } catch (IllegalStateException expected) {
      // the failure reaches the caller
    }
    assertEquals(0, c.size());
  }
}
