package gradgrid.job.source;

import gradgrid.job.run.SweepTask;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * Shipped to executors with the scan: turns each {@link RangePartition} into the rows {@link
 * SweepTask} computes (the kernel is compiled once per executor JVM and cached).
 *
 * @param task the per-task evaluation, prepared on the driver
 */
record SweepReaderFactory(SweepTask task) implements PartitionReaderFactory {
  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    Iterator<InternalRow> rows = task.rows(List.of(((RangePartition) partition).range()));
    return new PartitionReader<>() {
      private InternalRow current;

      @Override
      public boolean next() {
        if (!rows.hasNext()) {
          return false;
        }
        current = rows.next();
        return true;
      }

      @Override
      public InternalRow get() {
        return current;
      }

      @Override
      public void close() {}
    };
  }
}
