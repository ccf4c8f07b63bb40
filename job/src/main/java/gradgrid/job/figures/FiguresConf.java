package gradgrid.job.figures;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code figures} block of a sweep conf (see the package overview).
 *
 * @param dir where the figures go
 * @param heatmaps a second sweep conf whose heatmaps are drawn with these figures, or null
 * @param width picture width in pixels
 * @param height picture height in pixels
 */
public record FiguresConf(Path dir, Path heatmaps, int width, int height) {
  private static final Set<String> KEYS = Set.of("dir", "heatmaps", "width", "height");

  /**
   * The block of a loaded sweep, if it has one.
   *
   * @param spec the sweep
   * @return the figures settings, or empty if the conf has no {@code figures} block
   * @throws ConfException if a key is unknown or has the wrong type
   */
  public static Optional<FiguresConf> of(SweepSpec spec) {
    Config c = ConfigFactory.parseString(spec.confJson());
    if (!c.hasPath("figures")) {
      return Optional.empty();
    }
    return Optional.of(parse(c, defaultDir(spec)));
  }

  /**
   * The settings for {@code plot} on a sweep: the conf's block, or the defaults.
   *
   * @param spec the sweep
   * @return the settings
   */
  public static FiguresConf orDefault(SweepSpec spec) {
    return of(spec).orElse(new FiguresConf(defaultDir(spec), null, 1000, 600));
  }

  private static Path defaultDir(SweepSpec spec) {
    Path out = spec.localOutput();
    return out == null ? Path.of("figures") : Path.of(out + "-figures");
  }

  private static FiguresConf parse(Config c, Path defaultDir) {
    if (c.getValue("figures").valueType() != ConfigValueType.OBJECT) {
      throw new ConfException("figures: expected an object { dir = ..., heatmaps = ... }");
    }
    Config f = c.getConfig("figures");
    for (String k : f.root().keySet()) {
      if (!KEYS.contains(k)) {
        throw new ConfException(
            "unknown key 'figures." + k + "' (known: dir, heatmaps, width, height)");
      }
    }
    try {
      Path dir = f.hasPath("dir") ? Path.of(f.getString("dir")) : defaultDir;
      Path heatmaps = f.hasPath("heatmaps") ? Path.of(f.getString("heatmaps")) : null;
      int width = f.hasPath("width") ? f.getInt("width") : 1000;
      int height = f.hasPath("height") ? f.getInt("height") : 600;
      if (width < 200 || height < 150 || width > 8000 || height > 8000) {
        throw new ConfException(
            "figures: width must be 200..8000 and height 150..8000, got " + width + "x" + height);
      }
      return new FiguresConf(dir, heatmaps, width, height);
    } catch (ConfigException e) {
      throw new ConfException("figures: " + e.getMessage());
    }
  }
}
