/**
 * The Spark sweep: a conf file names a function, a grid of inputs and the outputs wanted (values
 * and derivatives computed by the ad-kernel's transforms); the job evaluates the grid on Spark as a
 * table and writes it as Parquet.
 *
 * <p>Data flows one way through the stages, one package each: {@code conf} (HOCON file to a checked
 * {@link gradgrid.job.conf.SweepSpec}), {@code grid} (row index to coordinates by mixed radix),
 * {@code partitions} (index ranges), {@code run} (the evaluation seam and the per-task loop),
 * {@code source} (the {@code gradgrid} DataSource V2: pruning, pushdown, partitions), {@code
 * parquet} (schema, writer options, summary), {@code store} (lock, staging, manifest, publish,
 * resume), {@code write} (the source written as Parquet under the output commit), {@code sql}
 * (views), {@code figures} and {@code extrema}. The commands in {@code cli} call them in order; no
 * stage imports {@code cli}. The user-facing reference is {@code README.md}, "Sweeps on Spark".
 */
package gradgrid.job;
