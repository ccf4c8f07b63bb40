/**
 * Critical-point maps: the output {@code critical-points(x, from, to, points)} counts and locates
 * every local extremum of f in the scalar input {@code x} at every row of the sweep's (outer) grid,
 * for example over a plane of coefficients {@code (alpha[1], beta[1])}.
 *
 * <p>Nothing of the inner grid is written or kept. At each outer row, the task ({@link
 * gradgrid.job.criticals.InnerScan}):
 *
 * <ol>
 *   <li>evaluates {@code f'} over the inner linspace (both ends included, the same values as an
 *       x-axis of the same from, to and points) with a compiled kernel, 4,096 points per call, the
 *       row's axis coordinates as constant columns and every other input fixed into the kernel;
 *   <li>brackets every sign change of {@code f'} as it streams, by {@link
 *       gradgrid.job.criticals.SignRule}, the rule {@code ./submit.sh extrema} applies in Spark
 *       SQL: opposite signs at neighbours bracket the cell; an exact 0 between opposite signs
 *       brackets that point once; zeros next to the same sign (flat stretches) bracket nothing.
 *       Most of the grid is cleared 64 points at a time: a block whose values of {@code f'} share
 *       one strict sign and whose |f'| is monotone (non-decreasing, or strictly decreasing)
 *       brackets nothing and hides no dip, which integer operations on the values' bits decide
 *       exactly; only the other blocks go through the rule point by point;
 *   <li>refines each bracket by {@link gradgrid.job.criticals.Newton} on {@code f'} with {@code
 *       f''}, both from a second compiled kernel of {@code (f, f', f'')}, kept inside the bracket
 *       by bisection, to {@code |f'| < 1e-12};
 *   <li>keeps the points {@code extrema} counts ({@link
 *       gradgrid.job.criticals.CriticalPoint#counted}: {@code |f| >= 1e-6} and {@code f'' != 0}), a
 *       maximum where {@code f'' < 0}, a minimum where {@code f'' > 0}.
 * </ol>
 *
 * <p>Both kernels come from the AD transforms of the sweep's traced function ({@code AD.derivative}
 * once and twice w.r.t. the scanned input) with the fixed inputs bound ({@link
 * gradgrid.job.criticals.CriticalPointKernel}), and are compiled once per executor JVM by the jit's
 * cache. The result is one struct column per row ({@link
 * gradgrid.job.criticals.CriticalPointsType}): the counts of maxima and minima, the extrema's x, f
 * and sign of f'' in ascending x, and the smallest |f''| at an extremum, which tends to 0 as the
 * row nears a fold (where a maximum and a minimum meet and vanish).
 *
 * <p>Two zeros of {@code f'} inside one cell of the inner grid leave no sign change at the grid
 * points ({@code extrema} misses them). The scan watches for them: a grid point where |f'| dips
 * below both neighbours without a sign change marks a possible pair; Newton on {@code f''} with
 * {@code f'''} (the refinement kernel's fourth output) finds the extremum of {@code f'} between the
 * neighbours, and when {@code f'} has the other sign there the dip becomes two brackets. Pairs
 * closer than that (a dip below the grid's resolution of |f'|) are the fold itself; a small {@code
 * min_abs_d2f} says the row is near one.
 */
package gradgrid.job.criticals;
