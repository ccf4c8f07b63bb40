package gradgrid.job.conf;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;

/**
 * Where the conf named on the command line is, as a local file the HOCON reader can open: a local
 * path; a {@code file:} URI ({@code file:///abs/sweep.conf}); any other URI ({@code hdfs:}, {@code
 * s3a:}, ...) read through Hadoop's {@link FileSystem} with the {@code spark.hadoop.*} settings and
 * copied to a temporary file of the same name; or, when that path is not there, a file shipped with
 * {@code --files} of the same file name, found in the working directory (where YARN puts it) or at
 * its {@code spark.files} entry. In cluster deploy mode the driver runs on a Worker, so the conf
 * must be readable there.
 */
public final class ConfSource {
  /** A URI scheme of two characters or more (one letter would be a Windows drive). */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

  private ConfSource() {}

  /**
   * Finds the conf.
   *
   * @param arg the command line's conf: a path or a URI
   * @return a local file (which may not exist: the reader then says "conf file not found")
   * @throws ConfException if a URI is malformed, its file system unknown or the file unreadable
   */
  public static Path locate(String arg) {
    if (!SCHEME.matcher(arg).matches()) {
      Path p = Path.of(arg);
      return Files.isRegularFile(p) ? p : shipped(p.getFileName().toString()).orElse(p);
    }
    URI uri = uri(arg);
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
        throw new ConfException(
            "conf " + arg + ": a file: URI needs an absolute path (file:///dir/sweep.conf)");
      }
      Path p = Path.of(uri.getPath());
      return Files.isRegularFile(p) ? p : shipped(p.getFileName().toString()).orElse(p);
    }
    return copy(uri, arg);
  }

  /**
   * A conf shipped with {@code --files}, by its file name: in the working directory, else where the
   * {@code spark.files} entry says. Only names that {@code spark.files} lists are looked up.
   */
  private static Optional<Path> shipped(String name) {
    for (String entry : new SparkConf().get("spark.files", "").split(",")) {
      String e = entry.trim();
      if (e.isEmpty() || !e.substring(e.lastIndexOf('/') + 1).equals(name)) {
        continue;
      }
      Path here = Path.of(name);
      if (Files.isRegularFile(here)) {
        return Optional.of(here);
      }
      if (!SCHEME.matcher(e).matches()) {
        return Optional.of(Path.of(e)).filter(Files::isRegularFile);
      }
      URI u = uri(e);
      if ("file".equalsIgnoreCase(u.getScheme())) {
        return Optional.of(Path.of(u.getPath())).filter(Files::isRegularFile);
      }
      return Optional.of(copy(u, e));
    }
    return Optional.empty();
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new ConfException("conf " + text + " is not a valid URI: " + e.getReason());
    }
  }

  /**
   * The Hadoop settings spark-submit was given as {@code spark.hadoop.*}, as Spark applies them.
   */
  private static Configuration hadoopConf() {
    Configuration c = new Configuration();
    for (scala.Tuple2<String, String> kv : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
      c.set(kv._1(), kv._2());
    }
    return c;
  }

  /** Copies a conf from a Hadoop file system to a private temporary directory. */
  private static Path copy(URI uri, String arg) {
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
    try {
      FileSystem fs = remote.getFileSystem(hadoopConf());
      if (!fs.exists(remote) || !fs.getFileStatus(remote).isFile()) {
        throw new ConfException("conf file not found: " + arg);
      }
      Path dir = Files.createTempDirectory("gradgrid-conf-");
      // deleteOnExit runs in reverse order: the file first, then its directory
      dir.toFile().deleteOnExit();
      Path local = dir.resolve(remote.getName());
      local.toFile().deleteOnExit();
      try (InputStream in = fs.open(remote)) {
        Files.copy(in, local);
      }
      return local;
    } catch (IOException e) {
      throw new ConfException(
          "cannot read conf "
              + arg
              + " through Hadoop's FileSystem: "
              + e.getMessage()
              + " (for s3a:, gs: or abfs: the cluster needs the connector's jars, e.g."
              + " --packages org.apache.hadoop:hadoop-aws)");
    }
  }
}
