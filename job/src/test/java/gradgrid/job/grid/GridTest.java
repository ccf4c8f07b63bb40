package gradgrid.job.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridTest {
  // Mixed grid: a linspace, a list, a 1-point axis and an element axis (radices 3, 4, 1, 5).
  private final Grid grid =
      new Grid(
          List.of(
              new Linspace(new AxisInput.Whole("x"), -1.0, 1.0, 3),
              new ValueList(new AxisInput.Whole("y"), new double[] {10, 20, 5, 7}),
              new Linspace(new AxisInput.Whole("z"), 2.0, 2.0, 1),
              new Linspace(new AxisInput.Element("alpha", 1), 0.0, 4.0, 5)));

  @Test
  void rowCountIsTheProductOfAxisLengths() {
    assertEquals(3 * 4 * 1 * 5, grid.rows());
  }

  @Test
  void lastAxisVariesFastest() {
    long[] d = new long[4];
    grid.digits(0, d);
    assertArrayEquals(new long[] {0, 0, 0, 0}, d);
    grid.digits(1, d);
    assertArrayEquals(new long[] {0, 0, 0, 1}, d);
    grid.digits(5, d);
    assertArrayEquals(new long[] {0, 1, 0, 0}, d);
    grid.digits(59, d);
    assertArrayEquals(new long[] {2, 3, 0, 4}, d);
  }

  @Test
  void indexAndDigitsAreInversesAndIncrementMatches() {
    long[] d = new long[4];
    long[] odometer = new long[4];
    Set<String> seen = new HashSet<>();
    double[] c = new double[4];
    for (long i = 0; i < grid.rows(); i++) {
      grid.digits(i, d);
      assertEquals(i, grid.index(d));
      assertArrayEquals(d, odometer, "odometer at row " + i);
      grid.increment(odometer);
      grid.coordinates(i, c);
      seen.add(c[0] + "," + c[1] + "," + c[2] + "," + c[3]);
    }
    assertEquals(grid.rows(), seen.size(), "every row has distinct coordinates");
  }

  @Test
  void coordinatesOfOneRow() {
    double[] c = new double[4];
    grid.coordinates(grid.index(new long[] {2, 2, 0, 3}), c);
    assertArrayEquals(new double[] {1.0, 5.0, 2.0, 3.0}, c);
  }

  @Test
  void largeGridsUseLongIndices() {
    Grid big =
        new Grid(
            List.of(
                new Linspace(new AxisInput.Whole("a"), 0, 1, 3_000_000),
                new Linspace(new AxisInput.Whole("b"), 0, 1, 5_000_000)));
    assertEquals(15_000_000_000_000L, big.rows());
    long[] d = new long[2];
    big.digits(big.rows() - 1, d);
    assertArrayEquals(new long[] {2_999_999, 4_999_999}, d);
    assertEquals(big.rows() - 1, big.index(d));
  }

  @Test
  void overflowIsRefused() {
    Axis a = new Linspace(new AxisInput.Whole("a"), 0, 1, 1L << 32);
    assertThrows(ArithmeticException.class, () -> new Grid(List.of(a, a)));
  }

  @Test
  void noAxesMeansOneRow() {
    Grid g = new Grid(List.of());
    assertEquals(1, g.rows());
    g.digits(0, new long[0]);
  }

  @Test
  void linspaceHitsBothEndsExactly() {
    Linspace l = new Linspace(new AxisInput.Whole("x"), -10, 10, 20001);
    assertEquals(-10.0, l.value(0));
    assertEquals(10.0, l.value(20000));
    assertEquals(0.0, l.value(10000));
    assertEquals("alpha_1", new Linspace(new AxisInput.Element("alpha", 1), 0, 1, 2).column());
  }

  @Test
  void fillGivesTheBitsOfValueOnEveryKindOfAxis() {
    java.util.Random rnd = new java.util.Random(5);
    for (int trial = 0; trial < 500; trial++) {
      long points = 1 + rnd.nextInt(300);
      double from = (rnd.nextDouble() - 0.5) * 1e3;
      double to = points == 1 ? from : from + rnd.nextDouble() * 1e3;
      Axis lin = new Linspace(new AxisInput.Whole("x"), from, to, points);
      Axis axis =
          switch (trial % 3) {
            case 0 -> lin;
            case 1 -> new ValueList(new AxisInput.Element("v", 0), new double[] {3, -1, 2.5, 7});
            default ->
                new Restricted(
                    lin,
                    PositionSet.of(
                        List.of(
                            new long[] {0, (points + 1) / 2}, new long[] {points - 1, points})));
          };
      long first = rnd.nextInt((int) axis.points());
      int n = 1 + rnd.nextInt((int) (axis.points() - first));
      double[] out = new double[n + 3];
      axis.fill(first, out, 3, n);
      for (int k = 0; k < n; k++) {
        assertEquals(
            Double.doubleToRawLongBits(axis.value(first + k)),
            Double.doubleToRawLongBits(out[3 + k]),
            axis + " at " + (first + k));
      }
    }
  }

  // Two linspaces around two coordinates of one 4-point sample space: rows 3 * 4 * 2.
  private final Samples samples =
      new Samples(
          new SampleMethod.Sobol(),
          4,
          List.of(new AxisInput.Element("alpha", 0), new AxisInput.Element("alpha", 1)),
          new double[] {0, 0},
          new double[] {1, 1});
  private final Grid sampled =
      new Grid(
          List.of(
              new Linspace(new AxisInput.Whole("x"), -1.0, 1.0, 3),
              samples.axes().get(0),
              samples.axes().get(1),
              new Linspace(new AxisInput.Whole("y"), 0.0, 1.0, 2)));

  @Test
  void sampledAxesShareOneDigitTheSlowest() {
    assertEquals(3 * 4 * 2, sampled.rows());
    assertEquals(3, sampled.fastestAxis());
    long[] d = new long[4];
    sampled.digits(0, d);
    assertArrayEquals(new long[] {0, 0, 0, 0}, d);
    sampled.digits(7, d);
    assertArrayEquals(new long[] {0, 1, 1, 1}, d, "sample 1, x 0, y 1");
    sampled.digits(23, d);
    assertArrayEquals(new long[] {2, 3, 3, 1}, d);
    long[] odometer = new long[4];
    for (long i = 0; i < sampled.rows(); i++) {
      sampled.digits(i, d);
      assertArrayEquals(d, odometer, "row " + i);
      assertEquals(i, sampled.index(d));
      sampled.increment(odometer);
    }
    assertThrows(IndexOutOfBoundsException.class, () -> sampled.index(new long[] {0, 1, 2, 0}));
  }

  @Test
  void aGridOfSamplesAloneHasOneRowPerSample() {
    Grid g = new Grid(List.copyOf(samples.axes()));
    assertEquals(4, g.rows());
    assertEquals(-1, g.fastestAxis());
    double[] c = new double[2];
    g.coordinates(3, c);
    assertArrayEquals(samples.point(3), c);
  }

  @Test
  void sampledAxesMustCoverOneSpaceOnce() {
    assertThrows(IllegalArgumentException.class, () -> new Grid(List.of(samples.axes().get(0))));
    Samples other =
        new Samples(
            new SampleMethod.Uniform(1),
            4,
            List.of(new AxisInput.Whole("z")),
            new double[] {0},
            new double[] {1});
    List<Axis> mixed = List.of(samples.axes().get(0), samples.axes().get(1), other.axes().get(0));
    assertThrows(IllegalArgumentException.class, () -> new Grid(mixed));
  }
}
