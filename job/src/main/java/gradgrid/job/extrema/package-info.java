/**
 * The critical points of f along a one-axis sweep: {@code ./submit.sh extrema <sweep.conf>}.
 *
 * <ol>
 *   <li>{@link gradgrid.job.extrema.SignChanges} finds, in Spark, every pair of neighbouring grid
 *       points where f' changes sign (and every grid point where f' is exactly 0 between values of
 *       opposite sign). Rows are cut into x buckets, each bucket ordered by x in a window with
 *       {@code lag}/{@code lead}; the last row of the previous bucket and the first row of the next
 *       are added to each bucket as read-only neighbours, so pairs that straddle a bucket (or a
 *       Parquet partition) are found exactly once.
 *   <li>{@link gradgrid.job.criticals.Newton} refines each bracket with Newton's method on f' using
 *       f'', both evaluated by the AD library ({@code grad} of the sweep's function, once and
 *       twice, through the reference interpreter), kept inside the bracket by bisection, until
 *       {@code |f'| < 1e-12}.
 *   <li>Each point is classified by the sign of f'': a minimum if positive, a maximum if negative.
 * </ol>
 *
 * <p>Counting rule: the reference counts local extrema "ignoring flat regions where f is about 0".
 * Here a critical point counts when {@code |f(x*)| >= 1e-6} ({@link
 * gradgrid.job.criticals.CriticalPoint#FLAT}); points with a smaller |f| are printed, marked {@code
 * flat}, and not counted.
 *
 * <p>The points are printed as a table and saved as Parquet in {@code <output.dir>-extrema}
 * (registered by {@code ./submit.sh sql} as the view {@code <name>_extrema}).
 */
package gradgrid.job.extrema;
