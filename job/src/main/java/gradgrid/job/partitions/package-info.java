/**
 * Splitting a grid's rows into contiguous, balanced index ranges (one per Spark partition) and
 * choosing the default partition count from the row count and the cluster's cores.
 */
package gradgrid.job.partitions;
