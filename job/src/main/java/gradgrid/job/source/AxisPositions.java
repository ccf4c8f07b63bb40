package gradgrid.job.source;

import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Linspace;
import gradgrid.job.grid.PositionSet;
import gradgrid.job.grid.ValueList;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongToDoubleFunction;

/**
 * The positions of an axis whose values pass an {@link AxisPredicate}, found exactly: the axis's
 * own {@link Axis#value} decides, never an inverted formula, so a bound that falls on a grid point
 * keeps or drops that point just as the re-checked filter would.
 *
 * <p>A linspace's values are non-decreasing up to its second-to-last point (each step of {@code
 * from + (to - from) * (i / (n - 1))} rounds monotonically) and its last point is {@code to}
 * itself; so binary search finds where each constant sits, the test is evaluated once per stretch
 * between those places, and the last point on its own: {@code O(constants * log points)} for a
 * 1e12-point axis. A list axis is tested point by point.
 */
final class AxisPositions {
  private AxisPositions() {}

  /**
   * The positions of {@code axis} whose value passes {@code p}.
   *
   * @param axis the axis
   * @param p the condition
   * @return the kept positions
   */
  static PositionSet of(Axis axis, AxisPredicate p) {
    if (axis instanceof ValueList v) {
      return list(v, p);
    } else if (axis instanceof Linspace l) {
      return linspace(l, p);
    }
    throw new IllegalArgumentException("not a whole axis: " + axis);
  }

  private static PositionSet list(ValueList v, AxisPredicate p) {
    List<long[]> kept = new ArrayList<>();
    for (long i = 0; i < v.points(); i++) {
      if (p.test().test(v.value(i))) {
        kept.add(new long[] {i, i + 1});
      }
    }
    return PositionSet.of(kept);
  }

  /**
   * The sample indices {@code 0 .. n-1} that pass {@code p}, the index read as a double (exact: a
   * sample count is below 2^53), found as on a linspace.
   *
   * @param n the number of samples
   * @param p the condition on the sample index
   * @return the kept indices
   */
  static PositionSet ofIndices(long n, AxisPredicate p) {
    return monotone(n, i -> (double) i, p);
  }

  private static PositionSet linspace(Linspace l, AxisPredicate p) {
    return monotone(l.points(), l::value, p);
  }

  /**
   * The positions of {@code 0 .. n-1} whose value passes {@code p}, for values non-decreasing on
   * {@code [0, n-1)}; the last position is tested alone.
   */
  private static PositionSet monotone(long n, LongToDoubleFunction value, AxisPredicate p) {
    List<long[]> kept = new ArrayList<>();
    long monotone = n - 1; // [0, n-1) is non-decreasing; the last point is checked alone
    if (monotone > 0) {
      TreeSet<Long> cuts = new TreeSet<>();
      cuts.add(0L);
      cuts.add(monotone);
      for (double c : p.constants()) {
        cuts.add(firstAtLeast(value, monotone, c, false));
        cuts.add(firstAtLeast(value, monotone, c, true));
      }
      Long start = null;
      for (long cut : cuts) {
        if (start != null && start < cut && p.test().test(value.applyAsDouble(start))) {
          kept.add(new long[] {start, cut});
        }
        start = cut;
      }
    }
    if (p.test().test(value.applyAsDouble(n - 1))) {
      kept.add(new long[] {n - 1, n});
    }
    return PositionSet.of(kept);
  }

  /**
   * The first position in {@code [0, end)} whose value is at least {@code c} (or, when {@code
   * strict}, greater than {@code c}); {@code end} if there is none.
   */
  private static long firstAtLeast(LongToDoubleFunction value, long end, double c, boolean strict) {
    long lo = 0;
    long hi = end;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      double v = value.applyAsDouble(mid);
      if (strict ? v > c : v >= c) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
