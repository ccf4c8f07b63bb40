/**
 * The output side: the Parquet schema of a sweep, the lazy Dataset of its rows and the write
 * through Spark's DataFrame writer and commit protocol, the summary JSON beside the data, and the
 * guard that keeps a sweep from writing over a directory it does not own. A sweep marks its
 * directory {@code _gradgrid_in_progress} before the first row and removes the marker after the
 * summary, so a directory with the marker is gradgrid's and unfinished.
 */
package gradgrid.job.parquet;
