package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.Graph;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each compile and each load from the persistent kernel cache is one INFO record of the logger the
 * README names, {@code gradgrid.ad.compile.Jit}: what happened, the kernel's key, the time and the
 * graph's size.
 */
class JitLogTest {
  @TempDir Path tmp;

  @Test
  void aCompileAndAPersistentCacheLoadAreEachOneInfoRecord() {
    Logger log = Logger.getLogger("gradgrid.ad.compile.Jit");
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(capture);
    try {
      Graph g = AD.grad(Rational.of(3, 3), 1).graph();
      String key = Jit.key(g);
      DiskKernelCache disk = new DiskKernelCache(tmp, DiskKernelCache.DEFAULT_MAX_BYTES);
      Jit.compileUncached(g, key, disk, Jit.HUGE_METHOD_LIMIT, false);
      Jit.compileUncached(g, key, disk, Jit.HUGE_METHOD_LIMIT, false);
    } finally {
      log.removeHandler(capture);
    }
    List<LogRecord> info = records.stream().filter(r -> r.getLevel() == Level.INFO).toList();
    assertEquals(2, info.size(), records.toString());
    String compiled = info.get(0).getMessage();
    String loaded = info.get(1).getMessage();
    String pattern = " kernel [0-9a-f]{12} in \\d+\\.\\d ms: \\d+ equations, \\d+ scalar nodes, .*";
    assertTrue(compiled.matches("compiled" + pattern), compiled);
    assertTrue(loaded.matches("loaded \\(persistent cache\\)" + pattern), loaded);
  }
}
