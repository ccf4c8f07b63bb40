/**
 * The Parquet side of a sweep: the schema, the lazy Dataset of its rows, the write into a run's
 * staging directory through Spark's DataFrame writer and commit protocol, and the summary JSON
 * beside the data. What the files become (a finished output or nothing) is decided by {@link
 * gradgrid.job.store}.
 */
package gradgrid.job.parquet;
