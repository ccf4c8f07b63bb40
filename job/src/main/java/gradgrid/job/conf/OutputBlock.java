package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.checkKeys;
import static gradgrid.job.conf.ConfValues.positiveInt;
import static gradgrid.job.conf.ConfValues.render;
import static gradgrid.job.conf.ConfValues.require;
import static gradgrid.job.conf.ConfValues.string;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.Param;
import gradgrid.ad.lang.Suggest;
import gradgrid.job.grid.Grid;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The optional {@code output} block of a sweep conf: where the Parquet goes ({@code dir}, see
 * {@link OutputDir}), what to do when it exists ({@code mode}), how big it may get ({@code
 * max-bytes}), how many partitions make a committed chunk ({@code commit-every}) and the Parquet
 * codec ({@code compression}).
 */
final class OutputBlock {
  private static final Set<String> KEYS =
      Set.of("dir", "mode", "max-bytes", "commit-every", "compression");

  /**
   * The codecs Spark's Parquet writer accepts ({@code spark.sql.parquet.compression.codec}), in the
   * order messages list them.
   */
  static final List<String> CODECS =
      List.of("none", "uncompressed", "snappy", "gzip", "lzo", "brotli", "lz4", "lz4_raw", "zstd");

  private OutputBlock() {}

  /**
   * What the output block gives.
   *
   * @param dir the output directory
   * @param mode what to do when it exists
   * @param commitEvery partitions per committed chunk, or 0 to derive it
   * @param compression the Parquet codec, or empty when the conf leaves it to Spark's setting
   */
  record Output(OutputDir dir, WriteMode mode, int commitEvery, Optional<String> compression) {}

  /**
   * Reads the output block, defaults for what it does not say.
   *
   * @param root the conf's root object
   * @param name the conf's name, for the default directory {@code out/<name>}
   * @param workingDir relative directories are resolved against it
   * @param grid the grid, for the size estimate
   * @param outputs the outputs, for the size estimate
   * @param params the function's parameters by name, for the outputs' sizes
   * @return the output settings
   * @throws ConfException if a key is unknown or malformed, or the estimated size is over {@code
   *     max-bytes}
   */
  static Output parse(
      ConfigObject root,
      String name,
      Path workingDir,
      Grid grid,
      List<OutputSpec> outputs,
      Map<String, Param> params) {
    ConfigObject out =
        root.get("output") == null
            ? ConfigFactory.empty().root()
            : (ConfigObject) require(root, "output", ConfigValueType.OBJECT, "");
    checkKeys(out, KEYS, "output.");
    String dir =
        out.get("dir") == null
            ? "out/" + name
            : string(require(out, "dir", ConfigValueType.STRING, "output."), "output.dir");
    if (dir.isBlank()) {
      throw new ConfException(at(out.get("dir")) + "output.dir: must not be empty");
    }
    WriteMode mode = mode(out.get("mode"));
    checkSize(grid, outputs, params, out);
    OutputDir where =
        OutputDir.parse(dir, workingDir, out.get("dir") == null ? "" : at(out.get("dir")));
    int commitEvery =
        out.get("commit-every") == null
            ? 0
            : positiveInt(out.get("commit-every"), "output.commit-every", "a positive integer");
    return new Output(where, mode, commitEvery, compression(out.get("compression")));
  }

  /** {@code output.compression}: one of {@link #CODECS}, case ignored; empty when absent. */
  private static Optional<String> compression(ConfigValue v) {
    if (v == null) {
      return Optional.empty();
    }
    String c = string(v, "output.compression");
    String codec = c.toLowerCase(Locale.ROOT);
    if (!CODECS.contains(codec)) {
      throw new ConfException(
          at(v)
              + "output.compression: '"
              + c
              + "' is not a Parquet codec"
              + Suggest.didYouMean(c, CODECS)
              + " (known: "
              + String.join(", ", CODECS)
              + ")");
    }
    return Optional.of(codec);
  }

  private static WriteMode mode(ConfigValue v) {
    if (v == null) {
      return WriteMode.ERROR;
    }
    String m = string(v, "output.mode");
    try {
      return WriteMode.valueOf(m.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new ConfException(
          at(v)
              + "output.mode: '"
              + m
              + "' is not a write mode; use error (the default), overwrite or resume");
    }
  }

  /**
   * Refuses a grid whose estimated output (8 bytes per double, uncompressed) exceeds {@code
   * output.max-bytes}, saying how big it would be.
   */
  private static void checkSize(
      Grid grid, List<OutputSpec> outputs, Map<String, Param> params, ConfigObject out) {
    long limit = SweepConfLoader.DEFAULT_MAX_BYTES;
    ConfigValue v = out.get("max-bytes");
    if (v != null) {
      try {
        limit = out.toConfig().getBytes("max-bytes");
      } catch (ConfigException e) {
        throw new ConfException(
            at(v) + "output.max-bytes: expected a size such as 500m, 20g or 2t, got " + render(v));
      }
      if (limit <= 0) {
        throw new ConfException(at(v) + "output.max-bytes: must be positive, got " + render(v));
      }
    }
    long doubles = grid.axes().size() + (grid.samples().isPresent() ? 1 : 0);
    for (OutputSpec o : outputs) {
      doubles += o.size(params);
    }
    double bytes = (double) grid.rows() * doubles * Double.BYTES;
    if (bytes > limit) {
      throw new ConfException(
          (v == null ? "" : at(v))
              + "output.max-bytes: the sweep would write about "
              + human(bytes)
              + " ("
              + grid.rows()
              + " rows x "
              + doubles
              + " doubles x 8 bytes, before compression), over the limit of "
              + human(limit)
              + (v == null ? " (the default)" : "")
              + "; shrink the grid or raise output.max-bytes (e.g. output.max-bytes = 2t)");
    }
  }

  private static String human(double bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    int u = 0;
    while (bytes >= 1024 && u < units.length - 1) {
      bytes /= 1024;
      u++;
    }
    return u == 0
        ? (long) bytes + " bytes"
        : String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
  }
}
