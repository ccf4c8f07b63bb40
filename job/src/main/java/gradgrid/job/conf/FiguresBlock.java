package gradgrid.job.conf;

import static gradgrid.job.conf.ConfValues.at;
import static gradgrid.job.conf.ConfValues.checkKeys;
import static gradgrid.job.conf.ConfValues.number;
import static gradgrid.job.conf.ConfValues.positiveInt;
import static gradgrid.job.conf.ConfValues.render;
import static gradgrid.job.conf.ConfValues.string;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The optional {@code figures} block of a sweep conf, whose presence makes the sweep draw its
 * figures after writing: {@code dir} and {@code heatmaps} (a second sweep conf) are paths, {@code
 * width} and {@code height} whole numbers of pixels, {@code scale} one of {@code linear, log,
 * symlog, auto}, {@code contours} a whole number of lines in 0..50, {@code small-multiples} one of
 * {@code auto, always, never}.
 */
final class FiguresBlock {
  private static final Set<String> KEYS =
      Set.of("dir", "heatmaps", "width", "height", "scale", "contours", "small-multiples");
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
    FigureScale scale =
        o.get("scale") == null
            ? FigureScale.AUTO
            : choice(o.get("scale"), "scale", FigureScale.values(), FigureScale::confName);
    int contours = contours(o.get("contours"));
    SmallMultiples multiples =
        o.get("small-multiples") == null
            ? SmallMultiples.AUTO
            : choice(
                o.get("small-multiples"),
                "small-multiples",
                SmallMultiples.values(),
                SmallMultiples::confName);
    return Optional.of(new FiguresSpec(dir, heatmaps, width, height, scale, contours, multiples));
  }

  private static <T> T choice(ConfigValue v, String key, T[] values, Function<T, String> name) {
    List<String> names = new ArrayList<>();
    for (T t : values) {
      names.add(name.apply(t));
    }
    String what = "one of " + String.join(", ", names);
    if (v.valueType() != ConfigValueType.STRING) {
      throw new ConfException(
          at(v) + "figures." + key + ": expected " + what + ", got " + render(v));
    }
    String text = (String) v.unwrapped();
    for (T t : values) {
      if (name.apply(t).equals(text)) {
        return t;
      }
    }
    throw new ConfException(at(v) + "figures." + key + ": expected " + what + ", got " + render(v));
  }

  private static int contours(ConfigValue v) {
    if (v == null) {
      return FiguresSpec.AUTO_CONTOURS;
    }
    String what = "a whole number of contour lines in 0.." + FiguresSpec.MAX_CONTOURS;
    String bad = at(v) + "figures.contours: expected " + what + ", got " + render(v);
    double d;
    try {
      d = number(v, "figures.contours");
    } catch (ConfException e) {
      throw new ConfException(bad);
    }
    if (d < 0 || d != Math.rint(d) || d > FiguresSpec.MAX_CONTOURS) {
      throw new ConfException(bad);
    }
    return (int) d;
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
