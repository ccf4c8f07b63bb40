package gradgrid.job.grid;

import java.io.Serializable;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * How the points of a sampled sweep fill the unit cube: a Sobol sequence, or independent uniform
 * numbers from a seed. Either way point {@code i} depends on {@code i} alone, so every partition
 * computes its own points from its index range.
 */
public sealed interface SampleMethod extends Serializable {
  /**
   * The name written in the conf ({@code sample = sobol}).
   *
   * @return {@code sobol} or {@code uniform}
   */
  String confName();

  /**
   * Opens a source of unit-cube points for one task (not thread-safe).
   *
   * @param dimension the number of coordinates of a point
   * @return the points
   */
  UnitCube open(int dimension);

  /** Points of the unit cube by index, for one task. */
  interface UnitCube {
    /**
     * Point {@code index}, every coordinate in {@code [0, 1)}.
     *
     * @param index the sample index
     * @return the point (may be reused by the next call)
     */
    double[] at(long index);
  }

  /**
   * Hipparchus's {@code SobolSequenceGenerator}, unscrambled: sample {@code i} is the point its
   * {@code skipTo(i)} returns (sample 0 is the origin of the unit cube).
   */
  record Sobol() implements SampleMethod {
    /** The most samples: Hipparchus numbers Sobol points with an {@code int}. */
    public static final long MAX_POINTS = Integer.MAX_VALUE;

    /** The most dimensions: the Joe-Kuo direction numbers Hipparchus ships. */
    public static final int MAX_DIMENSIONS = 21201;

    @Override
    public String confName() {
      return "sobol";
    }

    /** Consecutive indices cost one Gray-code step each; any other, Hipparchus's O(1) skip. */
    @Override
    public UnitCube open(int dimension) {
      SobolSequenceGenerator g = new SobolSequenceGenerator(dimension);
      return index -> g.getNextIndex() == index ? g.nextVector() : g.skipTo((int) index);
    }
  }

  /**
   * Independent uniform numbers in {@code [0, 1)}, counter-based ({@link UniformPoints}).
   *
   * @param seed the seed
   */
  record Uniform(long seed) implements SampleMethod {
    @Override
    public String confName() {
      return "uniform";
    }

    @Override
    public UnitCube open(int dimension) {
      double[] u = new double[dimension];
      return index -> {
        for (int d = 0; d < dimension; d++) {
          u[d] = UniformPoints.unit(seed, index, dimension, d);
        }
        return u;
      };
    }
  }
}
