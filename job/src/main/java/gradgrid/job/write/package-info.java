/**
 * The write stage: a sweep read through the {@code gradgrid} source ({@code source}) and written
 * with Spark's Parquet writer ({@code parquet}) under the output commit ({@code store}): one Spark
 * job per chunk of partitions, each chunk journaled, the summary and manifest last.
 */
package gradgrid.job.write;
