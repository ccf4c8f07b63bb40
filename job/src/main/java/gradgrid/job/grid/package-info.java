/**
 * Grids as cartesian products of axes. A row index converts to per-axis positions by mixed radix
 * (last axis fastest) and back, so no grid is ever materialised: a task gets an index range and
 * computes its own coordinates, and any row can be recomputed alone. Axis values depend only on the
 * position, so coordinates are bit-identical whatever the partitioning.
 *
 * <p>Sampled sweeps fit the same scheme. The sampled inputs of a conf make one {@link
 * gradgrid.job.grid.Samples} space (a Sobol sequence or seeded uniform numbers, {@link
 * gradgrid.job.grid.SampleMethod}); each of its coordinates is a {@link
 * gradgrid.job.grid.SampledAxis}, a column like any axis's, but the grid ties them to one digit,
 * the sample index, which is the slowest dimension of the product with the ordinary axes. A task
 * computes its samples from its index range with a {@link gradgrid.job.grid.Samples.Cursor}: one
 * Hipparchus {@code skipTo} at the start, then one sequence step per new sample; uniform numbers
 * are a pure function of (seed, sample, coordinate) ({@link gradgrid.job.grid.UniformPoints}).
 * Nothing is generated on the driver, and any row is recomputed alone.
 */
package gradgrid.job.grid;
