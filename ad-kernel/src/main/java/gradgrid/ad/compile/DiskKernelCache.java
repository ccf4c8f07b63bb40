package gradgrid.ad.compile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * The persistent kernel cache: the class files Janino compiled from a kernel's source, stored on
 * disk under the SHA-256 of that source, so a second JVM (the next run, each new executor) defines
 * the classes in milliseconds instead of loading Janino and compiling. The key is the source text
 * itself, as in Spark's code generator, so a hit runs exactly the code a compile would produce.
 *
 * <p>The directory holds one sub-directory per version (cache format, gradgrid, Java release,
 * Janino), so no JVM reads another release's bytecode. Files are written under a temporary name and
 * renamed into place (concurrent writers of one key leave one whole file); each carries a CRC, and
 * a file that fails it is ignored and replaced. The total size is bounded: after a store the least
 * recently used files go first. Because the cache holds code that runs, a directory that is not the
 * user's own, or that others may write to (or any directory above it, unless sticky), is not used
 * (a warning says so, once), and files are read without following links.
 *
 * <p>Settings (system properties): {@code gradgrid.jit.persistentCache=false} turns it off; {@code
 * gradgrid.jit.cacheDir} (or the environment's {@code GRADGRID_JIT_CACHE_DIR}, which a Spark Worker
 * passes on to its executors) moves it (default {@code $XDG_CACHE_HOME/gradgrid/jit}, else {@code
 * ~/.cache/gradgrid/jit}); {@code gradgrid.jit.cacheMaxBytes} bounds it (default 256 MiB).
 */
final class DiskKernelCache {
  private static final Logger LOG = Logger.getLogger(DiskKernelCache.class.getName());
  private static final int MAGIC = 0x47474b43; // "GGKC"
  private static final int FORMAT = 1;
  private static final String SUFFIX = ".kernel";
  private static final String TMP_SUFFIX = ".tmp";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** A temporary file older than this was left by a JVM that died while storing. */
  static final long STALE_TMP_MILLIS = 10 * 60 * 1000L;

  /** This process's user id, or -1 where there is none (then no directory is trusted). */
  private static final long MY_UID = myUid();

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  /** Default bound on the cache's total size. */
  static final long DEFAULT_MAX_BYTES = 256L << 20;

  private static volatile DiskKernelCache shared;

  private final Path dir;
  private final long maxBytes;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong stores = new AtomicLong();
  private volatile boolean warned;

  /** The classes of one compiled kernel and the bytecode size of each method. */
  record Entry(Map<String, byte[]> classes, Map<String, Integer> methodSizes) {}

  /**
   * A cache in {@code root} (its version sub-directory is made on the first store).
   *
   * @param root the cache directory
   * @param maxBytes the bound on the total size of its files
   */
  DiskKernelCache(Path root, long maxBytes) {
    this.dir = root.resolve(versionDirName());
    this.maxBytes = maxBytes;
  }

  /** The JVM's cache as the system properties say, or null when it is off. */
  static DiskKernelCache fromSystemProperties() {
    DiskKernelCache c = shared;
    if (c == null) {
      synchronized (DiskKernelCache.class) {
        c = shared;
        if (c == null
            && !"false".equalsIgnoreCase(System.getProperty("gradgrid.jit.persistentCache"))) {
          c =
              new DiskKernelCache(
                  defaultRoot(), maxBytes(System.getProperty("gradgrid.jit.cacheMaxBytes")));
          shared = c;
        }
      }
    }
    return c;
  }

  /**
   * The size bound a {@code gradgrid.jit.cacheMaxBytes} setting asks for: a whole number of bytes,
   * at least 0 (0 keeps nothing); anything else is warned about and the default is used, since a
   * cache setting must not stop a sweep.
   */
  static long maxBytes(String setting) {
    if (setting == null || setting.isBlank()) {
      return DEFAULT_MAX_BYTES;
    }
    try {
      long n = Long.parseLong(setting.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // warned below
    }
    LOG.warning(
        "gradgrid.jit.cacheMaxBytes="
            + setting
            + " is not a number of bytes (a whole number, 0 or more); the persistent kernel cache"
            + " keeps its default bound of "
            + (DEFAULT_MAX_BYTES >> 20)
            + " MiB");
    return DEFAULT_MAX_BYTES;
  }

  private static long myUid() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid();
    } catch (LinkageError | RuntimeException notUnix) {
      return -1;
    }
  }

  private static Path defaultRoot() {
    String set = System.getProperty("gradgrid.jit.cacheDir");
    if (set == null || set.isBlank()) {
      set = System.getenv("GRADGRID_JIT_CACHE_DIR");
    }
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("gradgrid").resolve("jit");
  }

  /** {@code v1-gradgrid<version>-java<release>-janino<version>}: what makes bytecode reusable. */
  static String versionDirName() {
    return "v"
        + FORMAT
        + "-gradgrid"
        + resourceVersion("/gradgrid/ad/version.properties", DiskKernelCache.class)
        + "-java"
        + Runtime.version().feature()
        + "-janino"
        + resourceVersion(
            "/META-INF/maven/org.codehaus.janino/janino/pom.properties",
            org.codehaus.janino.SimpleCompiler.class);
  }

  private static String resourceVersion(String resource, Class<?> near) {
    try (InputStream in = near.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The directory of this JVM's version. */
  Path dir() {
    return dir;
  }

  /** Kernels defined from the disk so far. */
  long hits() {
    return hits.get();
  }

  /** Kernels stored so far. */
  long stores() {
    return stores.get();
  }

  /** The hex SHA-256 of a kernel's source: its file name. */
  static String key(String source) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The stored classes of {@code source}, or null when there are none (or the directory may not be
   * trusted, or the file is damaged or not this user's).
   */
  Entry load(String source) {
    String key = key(source);
    Path real = trustedDir(false);
    if (real == null) {
      return null;
    }
    Path file = real.resolve(key + SUFFIX);
    try {
      Map<String, Object> a = Files.readAttributes(file, "unix:uid,isRegularFile", NOFOLLOW);
      if (!Boolean.TRUE.equals(a.get("isRegularFile")) || uidOf(a) != MY_UID) {
        warnOnce(file + " is not a regular file of this user's");
        return null;
      }
      byte[] data;
      try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
        data = in.readAllBytes();
      }
      Entry e = decode(data, key);
      if (e == null) {
        LOG.warning("persistent kernel cache: " + file + " is damaged; compiling instead");
        return null;
      }
      try {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
      } catch (IOException ignored) {
        // the recency of use is a hint for eviction, nothing more
      }
      hits.incrementAndGet();
      return e;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * Stores the classes compiled from {@code source}; a failure only logs (the kernel works).
   * Concurrent stores of one key, in this JVM or others, each rename a whole file into place.
   */
  void store(String source, Entry entry) {
    String key = key(source);
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      }
      Path real = trustedDir(true);
      if (real == null) {
        return;
      }
      Path tmp =
          real.resolve(
              "."
                  + key
                  + "."
                  + ProcessHandle.current().pid()
                  + "."
                  + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)
                  + TMP_SUFFIX);
      Files.write(tmp, encode(key, entry), StandardOpenOption.CREATE_NEW, NOFOLLOW);
      try {
        Files.move(
            tmp,
            real.resolve(key + SUFFIX),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.deleteIfExists(tmp);
        return;
      }
      stores.incrementAndGet();
      evict(real);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.FINE, "persistent kernel cache: could not store " + key, e);
    }
  }

  /**
   * The real path of the version directory when it may hold code this JVM runs, else null (with a
   * warning, once): every directory from the root down belongs to this user or root and no one else
   * may write to it unless it is sticky (as {@code /tmp} is), and the version directory is this
   * user's alone. Resolving links once, checking that path and then using only it means no link or
   * file can be swapped in after the check, since no one else can write along the path.
   *
   * @param exists whether the directory should exist (a missing one is worth a warning)
   */
  private Path trustedDir(boolean exists) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (NoSuchFileException missing) {
      if (exists) {
        warnOnce(dir + " vanished");
      }
      return null;
    } catch (IOException e) {
      warnOnce(dir + " cannot be read (" + e.getMessage() + ")");
      return null;
    }
    try {
      for (Path p = real; p != null; p = p.getParent()) {
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", NOFOLLOW);
        long uid = uidOf(a);
        int mode = (Integer) a.get("mode");
        boolean leaf = p.equals(real);
        if (uid != MY_UID && (leaf || uid != 0)) {
          warnOnce(p + " belongs to uid " + uid + ", not to this user (uid " + MY_UID + ")");
          return null;
        }
        if ((mode & 0_022) != 0 && (leaf || (mode & 0_1000) == 0)) {
          warnOnce(
              p + " may be written by others (mode " + Integer.toOctalString(mode & 0_7777) + ")");
          return null;
        }
      }
      return real;
    } catch (IOException | UnsupportedOperationException | ClassCastException e) {
      warnOnce(real + " has no Unix owner and mode to check (" + e + ")");
      return null;
    }
  }

  private static long uidOf(Map<String, Object> unixAttributes) {
    return ((Number) unixAttributes.get("uid")).longValue();
  }

  private void warnOnce(String why) {
    if (!warned) {
      warned = true;
      LOG.warning(
          "persistent kernel cache: "
              + why
              + "; kernels are compiled instead of loaded from "
              + dir);
    }
  }

  /**
   * Deletes the least recently used files until the total is within the bound. Temporary files
   * count too; those older than {@link #STALE_TMP_MILLIS} were left by a JVM killed mid-store and
   * go first.
   */
  private void evict(Path real) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(real)) {
      s.forEach(files::add);
    }
    long now = System.currentTimeMillis();
    long total = 0;
    Map<Path, Long> sizes = new LinkedHashMap<>();
    Map<Path, Long> used = new LinkedHashMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      boolean tmp = name.startsWith(".") && name.endsWith(TMP_SUFFIX);
      if (!tmp && !name.endsWith(SUFFIX)) {
        continue;
      }
      try {
        long size = Files.size(f);
        long modified = Files.getLastModifiedTime(f, NOFOLLOW).toMillis();
        if (tmp && now - modified > STALE_TMP_MILLIS) {
          Files.deleteIfExists(f);
          continue;
        }
        sizes.put(f, size);
        used.put(f, tmp ? Long.MAX_VALUE : modified);
        total += size;
      } catch (IOException gone) {
        // removed by another JVM's store or eviction meanwhile
      }
    }
    if (total <= maxBytes) {
      return;
    }
    List<Path> oldestFirst = new ArrayList<>(sizes.keySet());
    oldestFirst.sort((x, y) -> Long.compare(used.get(x), used.get(y)));
    for (Path f : oldestFirst) {
      if (total <= maxBytes || used.get(f) == Long.MAX_VALUE) {
        break;
      }
      Files.deleteIfExists(f);
      total -= sizes.get(f);
    }
  }

  static byte[] encode(String key, Entry e) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(key);
    out.writeInt(e.classes().size());
    for (Map.Entry<String, byte[]> c : e.classes().entrySet()) {
      out.writeUTF(c.getKey());
      out.writeInt(c.getValue().length);
      out.write(c.getValue());
    }
    out.writeInt(e.methodSizes().size());
    for (Map.Entry<String, Integer> m : e.methodSizes().entrySet()) {
      out.writeUTF(m.getKey());
      out.writeInt(m.getValue());
    }
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    return bytes.toByteArray();
  }

  /** The entry in {@code data}, or null if it is not a whole, undamaged entry for {@code key}. */
  static Entry decode(byte[] data, String key) {
    if (data.length < 8 + Long.BYTES) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length - Long.BYTES);
    long stored = 0;
    for (int i = data.length - Long.BYTES; i < data.length; i++) {
      stored = (stored << 8) | (data[i] & 0xff);
    }
    if (stored != crc.getValue()) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(data, 0, data.length - Long.BYTES))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(key)) {
        return null;
      }
      Map<String, byte[]> classes = new LinkedHashMap<>();
      for (int n = in.readInt(), i = 0; i < n; i++) {
        String name = in.readUTF();
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        classes.put(name, b);
      }
      Map<String, Integer> sizes = new LinkedHashMap<>();
      for (int n = in.readInt(), i = 0; i < n; i++) {
        sizes.put(in.readUTF(), in.readInt());
      }
      return new Entry(classes, sizes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
