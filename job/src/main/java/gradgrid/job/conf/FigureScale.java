package gradgrid.job.conf;

import java.util.Locale;

/**
 * The colour scale of a heatmap, {@code figures.scale}: {@code linear}, {@code log} (base 10),
 * {@code symlog} (linear near zero, logarithmic in |value| beyond), or {@code auto}, which the
 * figures choose from the data (see {@code gradgrid.job.figures.ColourScale}).
 */
public enum FigureScale {
  /** Colour proportional to the value. */
  LINEAR,
  /** Colour proportional to log10(value); for positive data. */
  LOG,
  /** Colour linear within a threshold of zero, proportional to sign * log10(|value|) beyond. */
  SYMLOG,
  /** Chosen from the data. */
  AUTO;

  /**
   * The name as the conf writes it.
   *
   * @return {@code linear}, {@code log}, {@code symlog} or {@code auto}
   */
  public String confName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
