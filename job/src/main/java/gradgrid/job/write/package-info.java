/**
 * The write stage: a sweep read through the {@code gradgrid} source ({@code source}) and written
 * with Spark's Parquet writer ({@code parquet}) under the output commit ({@code store}): one Spark
 * job per chunk of partitions, each chunk journaled, the summary and manifest last. A chunk whose
 * job fails returns only after the job's other tasks have ended ({@link
 * gradgrid.job.write.ChunkJob}), so none of them writes into a staging directory the run removes.
 */
package gradgrid.job.write;
