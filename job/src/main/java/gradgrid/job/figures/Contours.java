package gradgrid.job.figures;

import java.util.Arrays;

/**
 * Contour lines of a heatmap grid by marching squares: for each square of four neighbouring cell
 * centres and each level, the points where the level crosses the square's edges (by linear
 * interpolation along the edge) joined in pairs. Squares with an empty (NaN) cell are skipped. The
 * segments of one level come back as one polyline broken by NaN points, which JFreeChart draws as
 * separate pieces.
 */
final class Contours {
  private Contours() {}

  /**
   * The levels: {@code n} values evenly inside {@code (lo, hi)}, {@code lo + (k + 1) (hi - lo) / (n
   * + 1)}.
   *
   * @param lo the lowest value
   * @param hi the highest value
   * @param n the number of levels
   * @return the levels, ascending
   */
  static double[] levels(double lo, double hi, int n) {
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      out[k] = lo + (k + 1) * (hi - lo) / (n + 1);
    }
    return out;
  }

  /**
   * One level's segments.
   *
   * @param v {@code v[j][i]}: the value in cell column i, row j (row 0 at the bottom)
   * @param x0 left end of the grid's x range
   * @param x1 right end
   * @param y0 bottom
   * @param y1 top
   * @param level the level
   * @return {@code {xs, ys}}: point pairs, each pair followed by a NaN point
   */
  static double[][] segments(
      double[][] v, double x0, double x1, double y0, double y1, double level) {
    int ny = v.length;
    int nx = v[0].length;
    double dx = (x1 - x0) / nx;
    double dy = (y1 - y0) / ny;
    DoubleList xs = new DoubleList();
    DoubleList ys = new DoubleList();
    double[] px = new double[4];
    double[] py = new double[4];
    for (int j = 0; j + 1 < ny; j++) {
      for (int i = 0; i + 1 < nx; i++) {
        // The square's corners counter-clockwise from bottom left, and its edges between them.
        double[] c = {v[j][i], v[j][i + 1], v[j + 1][i + 1], v[j + 1][i]};
        if (Double.isNaN(c[0] + c[1] + c[2] + c[3])) {
          continue;
        }
        double[] cx = {i, i + 1, i + 1, i};
        double[] cy = {j, j, j + 1, j + 1};
        int n = 0;
        for (int e = 0; e < 4; e++) {
          double a = c[e];
          double b = c[(e + 1) % 4];
          if ((a < level) != (b < level)) {
            double s = (level - a) / (b - a);
            int f = (e + 1) % 4;
            px[n] = x0 + (cx[e] + s * (cx[f] - cx[e]) + 0.5) * dx;
            py[n] = y0 + (cy[e] + s * (cy[f] - cy[e]) + 0.5) * dy;
            n++;
          }
        }
        for (int k = 0; k + 1 < n; k += 2) {
          xs.add(px[k]);
          ys.add(py[k]);
          xs.add(px[k + 1]);
          ys.add(py[k + 1]);
          xs.add(Double.NaN);
          ys.add(Double.NaN);
        }
      }
    }
    return new double[][] {xs.toArray(), ys.toArray()};
  }

  /** A growable array of doubles. */
  private static final class DoubleList {
    private double[] a = new double[64];
    private int n;

    void add(double d) {
      if (n == a.length) {
        a = Arrays.copyOf(a, 2 * n);
      }
      a[n++] = d;
    }

    double[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
