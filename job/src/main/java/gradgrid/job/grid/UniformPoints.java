package gradgrid.job.grid;

/**
 * Uniform numbers in {@code [0, 1)} indexed by (seed, sample, dimension), without state: coordinate
 * {@code d} of sample {@code i} in {@code D} dimensions is the {@code (i * D + d)}-th {@code
 * nextDouble()} of {@code new java.util.SplittableRandom(seed)}, computed directly (SplitMix64: the
 * {@code c}-th number is a mix of {@code seed + (c + 1) * GAMMA}). So any row is recomputed alone,
 * identically whatever the partitioning, and the JDK's generator is the reference in tests.
 */
public final class UniformPoints {
  /** SplittableRandom's default increment (the golden ratio's odd 64-bit fraction). */
  private static final long GAMMA = 0x9e3779b97f4a7c15L;

  private UniformPoints() {}

  /**
   * One coordinate of one sample.
   *
   * @param seed the sweep's seed
   * @param index the sample index
   * @param dimensions the sample space's dimension {@code D}
   * @param d the coordinate, {@code 0 <= d < D}
   * @return a number in {@code [0, 1)}
   */
  public static double unit(long seed, long index, int dimensions, int d) {
    long counter = index * dimensions + d;
    return (mix64(seed + (counter + 1) * GAMMA) >>> 11) * 0x1.0p-53;
  }

  /** SplittableRandom's output function (Stafford's variant 13 of the MurmurHash3 finaliser). */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
