package gradgrid.job.conf;

import java.nio.file.Path;

/**
 * The figures settings of a sweep: its conf's {@code figures} block as checked by the loader, or
 * the defaults {@code plot} uses for a conf without one.
 *
 * @param dir where the PNG and SVG files go (default: the local output directory with {@code
 *     -figures} appended, or {@code figures} for a remote output)
 * @param heatmaps a second sweep conf whose heatmaps are drawn with these figures, or null
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param scale the heatmaps' colour scale ({@link FigureScale#AUTO} when the conf does not say)
 * @param contours contour lines per heatmap, or {@link #AUTO_CONTOURS} to let the figures choose
 *     ({@link #DEFAULT_CONTOURS} for any sweep, none for the reference's)
 * @param multiples whether vector outputs get one panel per component
 */
public record FiguresSpec(
    Path dir,
    Path heatmaps,
    int width,
    int height,
    FigureScale scale,
    int contours,
    SmallMultiples multiples) {
  /** Picture width when the conf does not say. */
  public static final int DEFAULT_WIDTH = 1000;

  /** Picture height when the conf does not say. */
  public static final int DEFAULT_HEIGHT = 600;

  /** {@code contours} when the conf does not say: the figures choose. */
  public static final int AUTO_CONTOURS = -1;

  /** Contour lines per heatmap by default (except the reference's, which has none). */
  public static final int DEFAULT_CONTOURS = 8;

  /** The most contour lines {@code figures.contours} may ask for. */
  public static final int MAX_CONTOURS = 50;

  /**
   * The settings with every drawing choice left to the figures (scale, contours, panels).
   *
   * @param dir where the files go
   * @param heatmaps a second sweep conf, or null
   * @param width picture width in pixels
   * @param height picture height in pixels
   */
  public FiguresSpec(Path dir, Path heatmaps, int width, int height) {
    this(dir, heatmaps, width, height, FigureScale.AUTO, AUTO_CONTOURS, SmallMultiples.AUTO);
  }

  /**
   * The settings of a conf without a {@code figures} block.
   *
   * @param localOutput the sweep's local output directory, or null when it is remote
   * @return the defaults
   */
  public static FiguresSpec defaults(Path localOutput) {
    return new FiguresSpec(defaultDir(localOutput), null, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  /** The directory when {@code figures.dir} is not given. */
  static Path defaultDir(Path localOutput) {
    return localOutput == null ? Path.of("figures") : Path.of(localOutput + "-figures");
  }

  /**
   * The same settings drawing into another directory.
   *
   * @param other the directory
   * @return the settings with {@code dir} replaced
   */
  public FiguresSpec withDir(Path other) {
    return new FiguresSpec(other, heatmaps, width, height, scale, contours, multiples);
  }
}
