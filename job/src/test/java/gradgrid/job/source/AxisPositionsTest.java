package gradgrid.job.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.grid.Linspace;
import gradgrid.job.grid.PositionSet;
import gradgrid.job.grid.ValueList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/**
 * The positions a condition keeps, against the oracle that tests every point of the axis: random
 * linspaces and lists, constants on grid points, between them and outside, combined with and, or
 * and not.
 */
class AxisPositionsTest {
  private final Random rnd = new Random(11);

  private static PositionSet bruteForce(Axis axis, DoublePredicate p) {
    List<long[]> kept = new ArrayList<>();
    for (long i = 0; i < axis.points(); i++) {
      if (p.test(axis.value(i))) {
        kept.add(new long[] {i, i + 1});
      }
    }
    return PositionSet.of(kept);
  }

  private double constant(Axis axis) {
    double v = axis.value((long) (rnd.nextDouble() * axis.points()));
    return switch (rnd.nextInt(4)) {
      case 0 -> v; // exactly on a grid point
      case 1 -> Math.nextUp(v);
      case 2 -> v + (rnd.nextDouble() - 0.5) * 3;
      default -> rnd.nextBoolean() ? -1e300 : Double.POSITIVE_INFINITY;
    };
  }

  private AxisPredicate atom(Axis axis) {
    double k = constant(axis);
    DoublePredicate t =
        switch (rnd.nextInt(5)) {
          case 0 -> v -> v == k;
          case 1 -> v -> v < k;
          case 2 -> v -> v <= k;
          case 3 -> v -> v > k;
          default -> v -> v >= k;
        };
    return new AxisPredicate(0, t, new double[] {k});
  }

  private AxisPredicate predicate(Axis axis, int depth) {
    if (depth == 0) {
      return atom(axis);
    }
    return switch (rnd.nextInt(3)) {
      case 0 -> predicate(axis, depth - 1).and(predicate(axis, depth - 1));
      case 1 -> predicate(axis, depth - 1).or(predicate(axis, depth - 1));
      default -> predicate(axis, depth - 1).negate();
    };
  }

  @Test
  void linspacesAgreeWithTestingEveryPoint() {
    for (int trial = 0; trial < 3000; trial++) {
      double from = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(6) - 2);
      double to = from + rnd.nextDouble() * Math.pow(10, rnd.nextInt(6) - 2);
      long points = 2 + rnd.nextInt(rnd.nextBoolean() ? 5 : 3000);
      Axis axis = new Linspace(new AxisInput.Whole("x"), from, to, points);
      AxisPredicate p = predicate(axis, rnd.nextInt(4));
      assertEquals(bruteForce(axis, p.test()), AxisPositions.of(axis, p), axis + " trial " + trial);
    }
  }

  @Test
  void listsAgreeWithTestingEveryPoint() {
    for (int trial = 0; trial < 500; trial++) {
      double[] values = new double[1 + rnd.nextInt(40)];
      for (int i = 0; i < values.length; i++) {
        values[i] = Math.round((rnd.nextDouble() - 0.5) * 100) / 10.0 + i * 1e-9;
      }
      Axis axis = new ValueList(new AxisInput.Whole("b"), values);
      AxisPredicate p = predicate(axis, rnd.nextInt(3));
      assertEquals(bruteForce(axis, p.test()), AxisPositions.of(axis, p));
    }
  }

  @Test
  void boundsOnGridPointsKeepThemOrNot() {
    Axis x = new Linspace(new AxisInput.Whole("x"), 0, 10, 11);
    assertEquals(
        "{[2, 6)}",
        AxisPositions.of(x, new AxisPredicate(0, v -> v >= 2 && v <= 5, new double[] {2, 5}))
            .toString());
    assertEquals(
        "{[3, 5)}",
        AxisPositions.of(x, new AxisPredicate(0, v -> v > 2 && v < 5, new double[] {2, 5}))
            .toString());
    assertEquals(
        "{[10, 11)}",
        AxisPositions.of(x, new AxisPredicate(0, v -> v == 10, new double[] {10})).toString());
    assertEquals(
        "{}", AxisPositions.of(x, new AxisPredicate(0, v -> v > 10, new double[] {10})).toString());
  }

  @Test
  void aTrillionPointAxisIsCutByBinarySearch() {
    long n = 1_000_000_000_000L;
    Axis x = new Linspace(new AxisInput.Whole("x"), 0, 1, n);
    double lo = 0.25;
    double hi = 0.25 + 1e-6;
    PositionSet s =
        AxisPositions.of(x, new AxisPredicate(0, v -> v >= lo && v <= hi, new double[] {lo, hi}));
    assertEquals(1, s.intervals());
    long first = s.position(0);
    long last = s.position(s.count() - 1);
    // The oracle: the neighbours of the kept stretch fail the condition, its ends pass.
    assertEquals(true, x.value(first) >= lo && x.value(last) <= hi);
    assertEquals(true, x.value(first - 1) < lo && x.value(last + 1) > hi);
    assertEquals(1e-6 * (n - 1), s.count(), 2.0);
  }
}
