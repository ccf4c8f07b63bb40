package gradgrid.job.source;

import gradgrid.job.partitions.IndexRange;
import gradgrid.job.run.SweepTask;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Shipped to executors with the scan: turns each {@link RangePartition} into the rows {@link
 * SweepTask} computes (the kernel is compiled once per executor JVM and cached). When every column
 * read is a double (no array output, no sample index) and {@code columnar} is set, the kernel's
 * batches go to Spark as they are, as {@link ColumnarBatch}es over its own arrays; otherwise as
 * binary rows.
 *
 * <p>With pushed aggregates, each partition is read as one row of partial values.
 *
 * @param task the per-task evaluation, prepared on the driver
 * @param columnar whether to hand over columns when the schema allows it
 * @param aggregates the pushed aggregates, or null to read rows
 */
record SweepReaderFactory(SweepTask task, boolean columnar, PartialAggregates aggregates)
    implements PartitionReaderFactory {
  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return aggregates == null && columnar && task.allScalar() && !task.emitsSample();
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    IndexRange range = range(partition);
    Iterator<InternalRow> rows;
    if (aggregates == null) {
      rows = task.rows(List.of(range));
    } else if (aggregates.onlyCounts()) {
      rows = List.of(aggregates.counts(range.size())).iterator();
    } else {
      rows = List.of(aggregates.compute(task.batches(List.of(range)))).iterator();
    }
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

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    SweepTask.Batches batches = task.batches(List.of(range(partition)));
    List<Integer> axes = new ArrayList<>();
    for (int a = 0; a < task.axisCount(); a++) {
      if (task.emits(a)) {
        axes.add(a);
      }
    }
    DoubleColumn[] columns = new DoubleColumn[axes.size() + task.outputWidth()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = new DoubleColumn();
    }
    ColumnarBatch batch = new ColumnarBatch(columns);
    return new PartitionReader<>() {
      @Override
      public boolean next() {
        if (!batches.next()) {
          return false;
        }
        int c = 0;
        for (int a : axes) {
          columns[c++].wrap(batches.axis(a));
        }
        for (int k = 0; k < task.outputWidth(); k++) {
          columns[c++].wrap(batches.output(k));
        }
        batch.setNumRows(batches.size());
        return true;
      }

      @Override
      public ColumnarBatch get() {
        return batch;
      }

      @Override
      public void close() {}
    };
  }

  private static IndexRange range(InputPartition partition) {
    return ((RangePartition) partition).range();
  }
}
