/**
 * The output store: how a run's files become an output that readers accept, the way table formats
 * commit, on any Hadoop file system.
 *
 * <p>A run ({@link gradgrid.job.store.OutputCommit}) takes an exclusive lock on its output for its
 * whole life ({@link gradgrid.job.store.RunLock}: an {@code fcntl} lock on {@code
 * .<name>.gradgrid-lock} beside the output, released by the kernel however the process ends), then
 * finishes what a killed run left, applies the write mode, and writes into its own staging
 * directory {@code .<name>.gradgrid-run-<run id>} beside the output. Rows are written in chunks of
 * partitions, each by one Spark job with Spark's commit protocol; once a chunk's job has committed,
 * the caller's key-value entries are added to each new file's footer ({@link
 * gradgrid.job.store.FooterStamp}), Spark's {@code _SUCCESS} and Hadoop's {@code .crc} files are
 * deleted, and the files, their row counts (read back from the Parquet footers) and the caller's
 * statistics are recorded in the run's journal ({@link gradgrid.job.store.RunJournal}). A resumed
 * run trusts exactly the journal and deletes every other file in the staging directory. The
 * output's top level holds only its data files; gradgrid's own files are in its {@code _gradgrid}
 * directory, which Spark, pyarrow and DuckDB's {@code dir/*} skip, and are themselves Parquet files
 * of the output's schema with no rows, their JSON in the footer ({@link
 * gradgrid.job.store.MetaFile}), so a reader of the whole tree such as Polars reads only the rows.
 *
 * <p>Publishing writes the summary and then the {@link gradgrid.job.store.Manifest} (run id, conf
 * hash, rows, every file with its size and rows): from then on the run is finished. The old output
 * is renamed aside, the staging directory renamed into place, and the old output deleted. A kill
 * between the renames leaves no output directory but a finished staging directory, which {@link
 * gradgrid.job.store.FinishedOutput} reads and the next run moves into place; so at every instant a
 * reader sees the old output or the new one, never a mixture.
 *
 * <p>Ownership ({@link gradgrid.job.store.Ownership}) is the manifest: a directory may be replaced
 * only when it is empty or holds exactly the files its manifest lists; and it must be possible
 * ({@link gradgrid.job.store.Writability}: a writable parent) before anything is deleted. These
 * rules are one method on Hadoop's {@code FileSystem}, {@code OutputCommit.check}: {@link
 * gradgrid.job.store.OutputGuard} applies it to a local output before Spark starts, so bad input
 * writes nothing, and every run applies it again under the lock.
 */
package gradgrid.job.store;
