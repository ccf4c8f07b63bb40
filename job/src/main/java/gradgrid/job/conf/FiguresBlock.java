package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.checkKeys;
import static gradgrid.job.conf.ConfValues.positiveInt;
import static gradgrid.job.conf.ConfValues.render;
import static gradgrid.job.conf.ConfValues.string;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The optional {@code figures} block of a sweep conf, whose presence makes the sweep draw its
 * figures after writing: {@code dir} and {@code heatmaps} (a second sweep conf) are paths, {@code
 * width} and {@code height} whole numbers of pixels.
 */
final class FiguresBlock {
  private static final Set<String> KEYS = Set.of("dir", "heatmaps", "width", "height");
  private static final int MAX_PIXELS = 8000;

  private FiguresBlock() {}

  /**
   * Reads the figures block.
   *
   * @param root the conf's root object
   * @param localOutput the sweep's local output directory (the default {@code dir} is beside it),
   *     or null when the output is remote
   * @return the settings, or empty when the conf has no {@code figures} block
   * @throws ConfException if the block is not an object, a key is unknown, or a value has the wrong
   *     type or is out of range
   */
  static Optional<FiguresSpec> parse(ConfigObject root, Path localOutput) {
    ConfigValue v = root.get("figures");
    if (v == null) {
      return Optional.empty();
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw new ConfException(
          at(v) + "figures: expected an object { dir = ..., heatmaps = ... }, got " + render(v));
    }
    ConfigObject o = (ConfigObject) v;
    checkKeys(o, KEYS, "figures.");
    Path dir =
        o.get("dir") == null ? FiguresSpec.defaultDir(localOutput) : path(o.get("dir"), "dir");
    Path heatmaps = o.get("heatmaps") == null ? null : path(o.get("heatmaps"), "heatmaps");
    int width = pixels(o.get("width"), "width", 200, FiguresSpec.DEFAULT_WIDTH);
    int height = pixels(o.get("height"), "height", 150, FiguresSpec.DEFAULT_HEIGHT);
    return Optional.of(new FiguresSpec(dir, heatmaps, width, height));
  }

  private static Path path(ConfigValue v, String key) {
    String text = string(v, "figures." + key);
    if (text.isBlank()) {
      throw new ConfException(at(v) + "figures." + key + ": must not be empty");
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new ConfException(
          at(v) + "figures." + key + ": " + render(v) + " is not a path (" + e.getReason() + ")");
    }
  }

  private static int pixels(ConfigValue v, String key, int min, int absent) {
    if (v == null) {
      return absent;
    }
    String what = "a whole number of pixels in " + min + ".." + MAX_PIXELS;
    int n = positiveInt(v, "figures." + key, what);
    if (n < min || n > MAX_PIXELS) {
      throw new ConfException(
          at(v) + "figures." + key + ": expected " + what + ", got " + render(v));
    }
    return n;
  }
}
