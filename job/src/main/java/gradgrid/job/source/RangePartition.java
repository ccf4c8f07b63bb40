package gradgrid.job.source;

import gradgrid.job.partitions.IndexRange;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One partition of a sweep scan: a range of row indices of the scan's (possibly restricted) grid.
 *
 * @param range the rows
 */
record RangePartition(IndexRange range) implements InputPartition {}
