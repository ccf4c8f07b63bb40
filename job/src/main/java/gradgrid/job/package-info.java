/**
 * The Spark sweep: a conf file names a function, a grid of inputs and the outputs wanted (values
 * and derivatives computed by the ad-kernel's transforms); the job evaluates every grid row on
 * Spark and writes Parquet.
 *
 * <p>Data flows one way through the stages, one package each: {@code conf} (HOCON file to a checked
 * {@link gradgrid.job.conf.SweepSpec}), {@code grid} (row index to coordinates by mixed radix),
 * {@code partitions} (index ranges), {@code run} (the evaluation seam and the per-task loop) and
 * {@code parquet} (schema, write, summary) and {@code store} (lock, staging, manifest, publish,
 * resume). {@link gradgrid.job.SweepMain} only calls them in order. The user-facing reference is
 * {@code README.md}, "Sweeps on Spark".
 */
package gradgrid.job;
