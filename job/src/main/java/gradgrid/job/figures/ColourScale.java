package gradgrid.job.figures;

import gradgrid.job.conf.FigureScale;
import java.util.Arrays;

/**
 * A heatmap's colour scale: the map {@link #t} from a value to the colour coordinate (viridis runs
 * linearly in t) and back, {@link #inverse}.
 *
 * <ul>
 *   <li>{@code linear}: t = v.
 *   <li>{@code log}: t = log10(max(v, floor)), floor the 1st percentile of the positive values (so
 *       a single cell at a minimum does not stretch the scale); cells below it, zero and negative
 *       ones included, take the lowest colour.
 *   <li>{@code symlog}: t = v / c for |v| <= c, sign(v) (1 + log10(|v| / c)) beyond, c a power of
 *       ten ({@link #threshold}): integer t are the values 0, +-c, +-10c, ...
 * </ul>
 *
 * <p>{@code auto} ({@link #choose}) looks at the finite cell values. Data with no negative value
 * whose largest value is more than {@link #DECADES} decades above its smallest positive one gets
 * {@code log}. Data with a negative value gets {@code symlog} when its largest |value| is more than
 * {@link #DECADES} decades above the 10th percentile of its non-zero |values| (a percentile, not
 * the minimum, because every sign change of a smooth surface passes close to zero). Anything else
 * is {@code linear}.
 *
 * @param kind linear, log or symlog (never auto)
 * @param c the symlog threshold, or the log floor; 1 for linear
 */
public record ColourScale(FigureScale kind, double c) {
  /** Decades a positive (or signed) range must span for {@code auto} to leave linear. */
  static final double DECADES = 3;

  /** The linear scale. */
  static final ColourScale LINEAR = new ColourScale(FigureScale.LINEAR, 1);

  /**
   * The scale of the given kind fitted to the data; {@code auto} is resolved by {@link #choose},
   * {@code log} of data with no positive value falls back to symlog.
   *
   * @param requested the conf's choice
   * @param values the cell values (NaN for empty cells)
   * @return the scale
   */
  static ColourScale of(FigureScale requested, double[] values) {
    FigureScale k = requested == FigureScale.AUTO ? choose(values) : requested;
    double[] abs = nonZeroAbs(values);
    if (k == FigureScale.LOG) {
      double[] pos =
          Arrays.stream(values).filter(v -> v > 0 && Double.isFinite(v)).sorted().toArray();
      if (pos.length > 0) {
        return new ColourScale(FigureScale.LOG, pos[(int) Math.floor(0.01 * (pos.length - 1))]);
      }
      k = FigureScale.SYMLOG;
    }
    if (k == FigureScale.SYMLOG) {
      return new ColourScale(FigureScale.SYMLOG, threshold(abs));
    }
    return LINEAR;
  }

  /**
   * The {@code auto} choice (see the type's description).
   *
   * @param values the cell values (NaN and infinities are left out)
   * @return {@code LOG}, {@code SYMLOG} or {@code LINEAR}
   */
  static FigureScale choose(double[] values) {
    double[] abs = nonZeroAbs(values);
    if (abs.length == 0) {
      return FigureScale.LINEAR;
    }
    boolean negative = false;
    for (double v : values) {
      negative |= v < 0 && Double.isFinite(v);
    }
    double max = abs[abs.length - 1];
    double low = negative ? percentile10(abs) : abs[0];
    if (Math.log10(max / low) <= DECADES) {
      return FigureScale.LINEAR;
    }
    return negative ? FigureScale.SYMLOG : FigureScale.LOG;
  }

  /**
   * The symlog threshold: the power of ten at or below the 10th percentile of the non-zero
   * |values|, and at most 6 decades below the largest, so the logarithmic part spans at most 7.
   *
   * @param abs the non-zero |values|, ascending
   * @return a power of ten; 1 when there are none
   */
  static double threshold(double[] abs) {
    if (abs.length == 0) {
      return 1;
    }
    double low = Math.max(percentile10(abs), abs[abs.length - 1] * 1e-6);
    return Math.pow(10, Math.floor(Math.log10(low)));
  }

  /**
   * The colour coordinate of a value.
   *
   * @param v the value
   * @return t(v)
   */
  double t(double v) {
    return switch (kind) {
      case LOG -> Math.log10(Math.max(v, c));
      case SYMLOG -> Math.abs(v) <= c ? v / c : Math.signum(v) * (1 + Math.log10(Math.abs(v) / c));
      default -> v;
    };
  }

  /**
   * The value of a colour coordinate (the inverse of {@link #t} above the log floor).
   *
   * @param t the coordinate
   * @return the value
   */
  double inverse(double t) {
    return switch (kind) {
      case LOG -> Math.pow(10, t);
      case SYMLOG -> Math.abs(t) <= 1 ? t * c : Math.signum(t) * c * Math.pow(10, Math.abs(t) - 1);
      default -> t;
    };
  }

  /**
   * What the colour bar's label adds: "" for linear, " (log scale)", " (symlog: linear within
   * +-c)".
   *
   * @return the note
   */
  String note() {
    return switch (kind) {
      case LOG -> " (log scale)";
      case SYMLOG -> " (symlog: linear within +-" + ReferenceFigures.num(c) + ")";
      default -> "";
    };
  }

  private static double[] nonZeroAbs(double[] values) {
    return Arrays.stream(values)
        .filter(v -> Double.isFinite(v) && v != 0)
        .map(Math::abs)
        .sorted()
        .toArray();
  }

  private static double percentile10(double[] sorted) {
    return sorted[(int) Math.floor(0.1 * (sorted.length - 1))];
  }
}
