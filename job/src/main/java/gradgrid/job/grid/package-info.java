/**
 * Grids as cartesian products of axes. A row index converts to per-axis positions by mixed radix
 * (last axis fastest) and back, so no grid is ever materialised: a task gets an index range and
 * computes its own coordinates, and any row can be recomputed alone. Axis values depend only on the
 * position, so coordinates are bit-identical whatever the partitioning.
 */
package gradgrid.job.grid;
