package gradgrid.job.write;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import gradgrid.ad.Param;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.store.ConfHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What produced a sweep's Parquet files, as key-value entries for every file's footer, so a file
 * copied away from its output still says where it came from: the function, its parameters, the
 * inputs (axes and fixed values), the outputs, the resolved conf and its hash, gradgrid's and
 * Spark's versions. Long lists are summarised as in the summary ({@link SweepSummary#shortened}).
 */
public final class Provenance {
  /** The prefix of every key gradgrid adds to a footer. */
  public static final String PREFIX = "gradgrid.";

  private static final ConfigRenderOptions JSON = ConfigRenderOptions.concise().setJson(true);

  private Provenance() {}

  /**
   * The footer entries of a sweep.
   *
   * @param spec the sweep
   * @param sparkVersion the session's Spark version
   * @return ordered entries, keys starting with {@value #PREFIX}
   */
  public static Map<String, String> of(SweepSpec spec, String sparkVersion) {
    Config conf = ConfigFactory.parseString(spec.confJson());
    Map<String, String> m = new LinkedHashMap<>();
    m.put(PREFIX + "version", version());
    m.put(PREFIX + "spark.version", sparkVersion);
    m.put(PREFIX + "function", json(conf, "function"));
    List<String> params = new ArrayList<>();
    for (Param p : spec.params()) {
      params.add(p.toString());
    }
    m.put(PREFIX + "parameters", ConfigValueFactory.fromIterable(params).render(JSON));
    m.put(PREFIX + "inputs", json(conf, "inputs"));
    m.put(PREFIX + "outputs", json(conf, "outputs"));
    m.put(PREFIX + "conf", json(conf, null));
    m.put(PREFIX + "conf-sha256", ConfHash.of(spec.confJson()));
    return m;
  }

  private static String json(Config conf, String path) {
    if (path != null && !conf.hasPath(path)) {
      return "null";
    }
    Object v = path == null ? conf.root().unwrapped() : conf.getValue(path).unwrapped();
    return ConfigValueFactory.fromAnyRef(SweepSummary.shortened(v)).render(JSON);
  }

  /**
   * gradgrid's version (the pom's), from the resource Maven fills in at build time.
   *
   * @return the version, such as {@code 0.1.0-SNAPSHOT}
   */
  public static String version() {
    try (InputStream in =
        Provenance.class.getResourceAsStream("/gradgrid/job/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("gradgrid/job/version.properties is missing from the jar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
