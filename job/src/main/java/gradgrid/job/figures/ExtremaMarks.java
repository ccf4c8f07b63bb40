package gradgrid.job.figures;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPoint;
import gradgrid.job.extrema.Extrema;
import gradgrid.job.extrema.SweepFunction;
import gradgrid.job.run.FunctionProviders;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The extrema marked on the curves of f and f': the {@code extrema} stage's points ({@link
 * Extrema#find}: sign changes of f' between grid points, refined by Newton's method on the sweep's
 * own function), maxima (f'' < 0) and minima (f'' > 0) apart; degenerate points are not marked.
 *
 * @param maxima {@code {xs, fs}} of the maxima
 * @param minima {@code {xs, fs}} of the minima
 */
record ExtremaMarks(double[][] maxima, double[][] minima) {
  /** No marks. */
  static final ExtremaMarks NONE = new ExtremaMarks(new double[2][0], new double[2][0]);

  /**
   * Finds the extrema of a one-axis sweep.
   *
   * @param data the sweep's rows
   * @param spec the sweep (one scalar axis)
   * @param providers the function providers (to rebuild f for Newton), or null for no marks
   * @param x the axis column
   * @param d1 the f' column (the sweep must have it)
   * @param err where a note goes when the function cannot be rebuilt
   * @return the marks
   */
  static ExtremaMarks find(
      Dataset<Row> data,
      SweepSpec spec,
      FunctionProviders providers,
      String x,
      String d1,
      PrintStream err) {
    if (providers == null) {
      return NONE;
    }
    List<CriticalPoint> points;
    try {
      SweepFunction fn = SweepFunction.of(spec, providers);
      int buckets = Math.max(8, 4 * data.sparkSession().sparkContext().defaultParallelism());
      points = Extrema.find(data, x, d1, fn, buckets);
    } catch (ConfException e) {
      err.println("note: extrema not marked: " + e.getMessage());
      return NONE;
    }
    return of(points);
  }

  /**
   * Splits points into maxima and minima.
   *
   * @param points the critical points
   * @return the marks
   */
  static ExtremaMarks of(List<CriticalPoint> points) {
    List<CriticalPoint> max = new ArrayList<>();
    List<CriticalPoint> min = new ArrayList<>();
    for (CriticalPoint p : points) {
      if (p.d2() < 0) {
        max.add(p);
      } else if (p.d2() > 0) {
        min.add(p);
      }
    }
    return new ExtremaMarks(xy(max), xy(min));
  }

  /**
   * The same points at height 0, where f' crosses zero.
   *
   * @return the marks on the f' curve
   */
  ExtremaMarks onDerivative() {
    return new ExtremaMarks(
        new double[][] {maxima[0], new double[maxima[0].length]},
        new double[][] {minima[0], new double[minima[0].length]});
  }

  /**
   * Both kinds together (for a figure that marks f and f').
   *
   * @param other more marks
   * @return the union
   */
  ExtremaMarks and(ExtremaMarks other) {
    return new ExtremaMarks(concat(maxima, other.maxima), concat(minima, other.minima));
  }

  /**
   * Whether there is nothing to mark.
   *
   * @return true when there are no maxima and no minima
   */
  boolean isEmpty() {
    return maxima[0].length == 0 && minima[0].length == 0;
  }

  private static double[][] xy(List<CriticalPoint> ps) {
    double[][] out = new double[2][ps.size()];
    for (int i = 0; i < ps.size(); i++) {
      out[0][i] = ps.get(i).x();
      out[1][i] = ps.get(i).f();
    }
    return out;
  }

  private static double[][] concat(double[][] a, double[][] b) {
    double[][] out = new double[2][a[0].length + b[0].length];
    for (int k = 0; k < 2; k++) {
      System.arraycopy(a[k], 0, out[k], 0, a[k].length);
      System.arraycopy(b[k], 0, out[k], a[k].length, b[k].length);
    }
    return out;
  }
}
