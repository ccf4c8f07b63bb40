package gradgrid.job.figures;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/**
 * The viridis colour map (perceptually uniform, readable in grey and by colour-blind readers) as a
 * JFreeChart paint scale over {@code [lower, upper]}: nine anchor colours, linear in between. NaN
 * paints light grey.
 */
public final class Viridis implements PaintScale, Serializable {
  private static final long serialVersionUID = 1L;

  private static final int[][] ANCHORS = {
    {68, 1, 84},
    {71, 44, 122},
    {59, 81, 139},
    {44, 113, 142},
    {33, 144, 141},
    {39, 173, 129},
    {92, 200, 99},
    {170, 220, 50},
    {253, 231, 37}
  };

  private final double lower;
  private final double upper;

  /**
   * Creates the scale.
   *
   * @param lower the value painted darkest
   * @param upper the value painted brightest (greater than {@code lower})
   */
  public Viridis(double lower, double upper) {
    this.lower = lower;
    this.upper = upper > lower ? upper : lower + 1;
  }

  @Override
  public double getLowerBound() {
    return lower;
  }

  @Override
  public double getUpperBound() {
    return upper;
  }

  @Override
  public Paint getPaint(double value) {
    return color(value);
  }

  /**
   * The colour of a value (clamped to the bounds).
   *
   * @param value the value
   * @return the colour
   */
  public Color color(double value) {
    if (Double.isNaN(value)) {
      return Color.LIGHT_GRAY;
    }
    double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (ANCHORS.length - 1);
    int k = Math.min((int) t, ANCHORS.length - 2);
    double f = t - k;
    int[] a = ANCHORS[k];
    int[] b = ANCHORS[k + 1];
    return new Color(
        (int) Math.round(a[0] + f * (b[0] - a[0])),
        (int) Math.round(a[1] + f * (b[1] - a[1])),
        (int) Math.round(a[2] + f * (b[2] - a[2])));
  }
}
