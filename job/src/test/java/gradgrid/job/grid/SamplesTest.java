package gradgrid.job.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hipparchus.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

/** Sample points against Hipparchus's Sobol sequence, read from its start, and their bounds. */
class SamplesTest {
  private static final List<AxisInput> INPUTS =
      List.of(
          new AxisInput.Whole("x"),
          new AxisInput.Element("alpha", 0),
          new AxisInput.Element("alpha", 1));
  private static final double[] FROM = {-10, 0, 2};
  private static final double[] TO = {10, 1, 2.5};

  private static Samples sobol(long points) {
    return new Samples(new SampleMethod.Sobol(), points, INPUTS, FROM, TO);
  }

  /** Hipparchus's points 0 .. n-1, by nextVector from the start (no skip-ahead involved). */
  private static double[][] hipparchus(int n) {
    SobolSequenceGenerator g = new SobolSequenceGenerator(INPUTS.size());
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      p[i] = g.nextVector();
    }
    return p;
  }

  @Test
  void sobolPointsAreHipparchusPointsAtTheSameIndexFromAnOffset() {
    double[][] expected = hipparchus(3000);
    Samples s = sobol(3000);
    Samples.Cursor c = s.cursor();
    // a task whose range starts at 1777: one skip, then sequential steps
    for (int i = 1777; i < 2300; i++) {
      double[] p = c.at(i);
      for (int d = 0; d < FROM.length; d++) {
        // coordinate = from + (to - from) * u, u Hipparchus's
        assertEquals(FROM[d] + (TO[d] - FROM[d]) * expected[i][d], p[d], 0.0, "i=" + i + " d=" + d);
      }
    }
    // out of order through one cursor, and one point alone
    for (int i : new int[] {2999, 5, 0, 1024, 1023, 6}) {
      assertEquals(FROM[2] + (TO[2] - FROM[2]) * expected[i][2], c.at(i)[2], 0.0, "i=" + i);
      assertEquals(FROM[0] + (TO[0] - FROM[0]) * expected[i][0], s.point(i)[0], 0.0, "i=" + i);
    }
  }

  @Test
  void sampleZeroOfSobolIsTheLowerCorner() {
    double[] p = sobol(4).point(0);
    for (int d = 0; d < FROM.length; d++) {
      assertEquals(FROM[d], p[d], 0.0);
    }
  }

  @Test
  void uniformPointsStayInTheirBoxAndDependOnTheIndexAlone() {
    Samples s = new Samples(new SampleMethod.Uniform(42), 10_000, INPUTS, FROM, TO);
    Samples.Cursor forward = s.cursor();
    Samples.Cursor backward = s.cursor();
    for (int i = 0; i < 10_000; i++) {
      double[] p = forward.at(i).clone();
      assertEquals(List.of(p[0], p[1], p[2]), box(backward.at(i)), "i=" + i);
      for (int d = 0; d < FROM.length; d++) {
        assertTrue(p[d] >= FROM[d] && p[d] < TO[d], "i=" + i + " d=" + d + ": " + p[d]);
      }
    }
    double[] other = new Samples(new SampleMethod.Uniform(43), 10, INPUTS, FROM, TO).point(3);
    assertTrue(other[0] != s.point(3)[0], "another seed gives other points");
  }

  private static List<Double> box(double[] p) {
    return List.of(p[0], p[1], p[2]);
  }

  @Test
  void axesAreOnePerCoordinateAndIndicesOutsideAreRefused() {
    Samples s = sobol(8);
    assertEquals(3, s.axes().size());
    assertEquals("alpha_1", s.axes().get(2).column());
    assertEquals(s.point(5)[1], s.axes().get(1).value(5), 0.0);
    double[] out = new double[4];
    s.axes().get(0).fill(4, out, 0, 4);
    assertEquals(s.point(7)[0], out[3], 0.0);
    assertThrows(IndexOutOfBoundsException.class, () -> s.point(8));
  }

  @Test
  void aRestrictedSpaceKeepsTheIndicesAndPointsOfTheWhole() {
    Samples whole = sobol(100);
    Samples kept = whole.restrict(PositionSet.of(List.of(new long[] {3, 5}, new long[] {90, 93})));
    assertEquals(5, kept.points());
    long[] indices = {3, 4, 90, 91, 92};
    Samples.Cursor c = kept.cursor();
    for (int k = 0; k < indices.length; k++) {
      assertEquals(indices[k], kept.index(k));
      assertEquals(
          List.of(
              whole.point(indices[k])[0], whole.point(indices[k])[1], whole.point(indices[k])[2]),
          box(c.at(k)),
          "position " + k);
    }
    assertThrows(IndexOutOfBoundsException.class, () -> kept.point(5));
    assertThrows(IllegalStateException.class, () -> kept.restrict(PositionSet.all(2)));
  }
}
