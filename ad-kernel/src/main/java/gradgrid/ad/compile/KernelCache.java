package gradgrid.ad.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A bounded least-recently-used map from graph key to kernel. Threads asking for the same missing
 * key at once share one compilation: the first compiles, the others wait for its result. A failed
 * compilation is not cached.
 */
final class KernelCache {
  private final int capacity;
  private final LinkedHashMap<String, CompletableFuture<Kernel>> map;
  private long hits;
  private long misses;

  KernelCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Kernel>> e) {
            return size() > KernelCache.this.capacity;
          }
        };
  }

  /** The kernel for {@code key}, compiled by {@code compile} on a miss. */
  Kernel get(String key, Supplier<Kernel> compile) {
    CompletableFuture<Kernel> f;
    boolean mine = false;
    synchronized (this) {
      f = map.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        map.put(key, f);
        mine = true;
        misses++;
      } else {
        hits++;
      }
    }
    if (mine) {
      try {
        f.complete(compile.get());
      } catch (RuntimeException | Error e) {
        synchronized (this) {
          map.remove(key, f);
        }
        f.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  synchronized long hits() {
    return hits;
  }

  synchronized long misses() {
    return misses;
  }

  synchronized int size() {
    return map.size();
  }

  synchronized void clear() {
    map.clear();
    hits = 0;
    misses = 0;
  }
}
