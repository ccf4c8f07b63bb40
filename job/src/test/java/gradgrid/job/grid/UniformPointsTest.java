package gradgrid.job.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The counter-based uniform numbers against the JDK's SplittableRandom, their reference. */
class UniformPointsTest {
  @Test
  void coordinateDOfSampleIIsTheJdksNumberAtIndexITimesDPlusD() {
    for (long seed : new long[] {0, 42, -7, Long.MAX_VALUE}) {
      int dims = 5;
      SplittableRandom r = new SplittableRandom(seed);
      for (long i = 0; i < 2000; i++) {
        for (int d = 0; d < dims; d++) {
          assertEquals(
              r.nextDouble(),
              UniformPoints.unit(seed, i, dims, d),
              0.0,
              "seed=" + seed + " i=" + i + " d=" + d);
        }
      }
    }
  }
}
