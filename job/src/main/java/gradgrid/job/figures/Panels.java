package gradgrid.job.figures;

import gradgrid.job.conf.SmallMultiples;
import java.util.List;

/**
 * When a vector output's curves get one panel each (small multiples): with {@code
 * figures.small-multiples = auto}, when the largest range (max - min) of a component is more than
 * {@link #FACTOR} times the smallest, which on a shared axis would flatten the small ones into a
 * line (the seed's df/dbeta_5 runs from -633 to 1713, df/dbeta_0 from -5.3 to 3.6).
 */
final class Panels {
  /** The ratio of ranges above which {@code auto} draws panels. */
  static final double FACTOR = 20;

  private Panels() {}

  /**
   * Whether components with these ranges need panels.
   *
   * @param spans each component's max - min (0 for a constant one, NaN for one with no value)
   * @return true when there are at least two and the largest is more than {@link #FACTOR} times the
   *     smallest (a constant component beside a varying one counts as an infinite ratio)
   */
  static boolean needed(double[] spans) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    int n = 0;
    for (double s : spans) {
      if (!Double.isNaN(s)) {
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
        n++;
      }
    }
    return n >= 2 && hi > 0 && hi > FACTOR * lo;
  }

  /**
   * The decision for these curves under the conf's setting.
   *
   * @param setting {@code figures.small-multiples}
   * @param curves the curves
   * @return true for one panel per curve
   */
  static boolean split(SmallMultiples setting, List<LineEnvelope> curves) {
    if (curves.size() < 2 || setting == SmallMultiples.NEVER) {
      return false;
    }
    if (setting == SmallMultiples.ALWAYS) {
      return true;
    }
    double[] spans = new double[curves.size()];
    for (int i = 0; i < spans.length; i++) {
      spans[i] = curves.get(i).span();
    }
    return needed(spans);
  }
}
