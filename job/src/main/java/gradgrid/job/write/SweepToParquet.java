package gradgrid.job.write;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.frame.TableSweep;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.parquet.SweepWriter;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.source.SweepRuns;
import gradgrid.job.store.Chunk;
import gradgrid.job.store.MetaFile;
import gradgrid.job.store.OutputCommit;
import gradgrid.job.store.OutputPaths;
import gradgrid.job.ui.JobDescription;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The sweep stage: the {@code gradgrid} source's rows written as Parquet through the output commit,
 * chunk by chunk, so a killed run resumes and readers never see a partial output. A {@code
 * from-table} sweep's rows ({@link TableSweep}) go through the same commit as one chunk, and its
 * table's files are part of what identifies the output.
 */
public final class SweepToParquet {
  private SweepToParquet() {}

  /**
   * The stages of a sweep on an existing session: open the output commit (lock, recovery, write
   * mode), plan the partitions still missing, evaluate and write them chunk by chunk into the run's
   * staging directory, committing each chunk, then write the summary and publish.
   *
   * @param spark the session
   * @param spec the checked sweep
   * @param factory the evaluator recipe
   * @param out where progress lines go
   * @return the summary (also written beside the data)
   * @throws IOException if the file system fails
   */
  public static SweepSummary run(
      SparkSession spark, SweepSpec spec, EvaluatorFactory factory, PrintStream out)
      throws IOException {
    long start = System.nanoTime();
    OutputPaths paths = OutputPaths.of(spec.output(), spark.sparkContext().hadoopConfiguration());
    String codec = SweepWriter.codec(spark, spec);
    String dirName = paths.dir().getName();
    TableSweep table =
        spec.table().isEmpty()
            ? null
            : JobDescription.call(
                spark, "sweep " + dirName + ": read the table", () -> TableSweep.open(spark, spec));
    long rows = table == null ? spec.grid().rows() : table.rows();
    String identity =
        table == null
            ? spec.confJson()
            : table.identity(spark.sparkContext().hadoopConfiguration());
    try (OutputCommit commit = OutputCommit.open(paths, spec.mode(), identity, rows, codec)) {
      if (commit.finished()) {
        out.println(
            "gradgrid: "
                + OutputPaths.display(paths.dir())
                + " is already this conf's finished output; nothing to do");
        String json = MetaFile.read(paths.fs(), paths.dir(), MetaFile.SUMMARY);
        if (json == null) {
          throw new IOException(OutputPaths.display(paths.dir()) + " has no summary");
        }
        return SweepSummary.parse(json);
      }
      int width = spec.grid().axes().size() + factory.outputWidth();
      ColumnStats total = new ColumnStats(width);
      for (Chunk c : commit.chunks()) {
        total.merge(ColumnStats.fromMap(c.stats()));
      }
      int cores = spark.sparkContext().defaultParallelism();
      // a table's rows are one chunk: they have no index ranges to resume from
      int partitions =
          table != null
              ? table.partitions(cores)
              : PartitionPlan.count(spec.partitions(), rows, spec.innerPointsPerRow(), cores);
      List<IndexRange> todo =
          PartitionPlan.missing(rows, table != null ? 1 : partitions, commit.committedRanges());
      if (!commit.chunks().isEmpty()) {
        out.println(
            "gradgrid: resuming run "
                + commit.runId()
                + ": "
                + total.rows()
                + " of "
                + rows
                + " rows were committed");
      }
      int every =
          table != null
              ? 1
              : spec.commitEvery() > 0
                  ? spec.commitEvery()
                  : PartitionPlan.defaultChunk(partitions, cores);
      int chunks = (todo.size() + every - 1) / every;
      Map<String, String> footer = Provenance.of(spec, spark.version());
      for (int i = 0; i < todo.size(); i += every) {
        List<IndexRange> chunk = todo.subList(i, Math.min(todo.size(), i + every));
        ColumnStats stats = new ColumnStats(width);
        spark.sparkContext().register(stats, "gradgrid column stats");
        String name =
            "sweep "
                + dirName
                + ": evaluate and write"
                + (chunks > 1 ? " (chunk " + (i / every + 1) + " of " + chunks + ")" : "");
        Dataset<Row> data =
            table != null
                ? table.read(factory, partitions, stats)
                : SweepRuns.read(spark, spec, factory, chunk, stats);
        ChunkJob.run(
            spark,
            name,
            "gradgrid-" + commit.runId() + "-chunk-" + (i / every + 1),
            () -> SweepWriter.write(data, spec, codec, commit.staging()));
        commit.commit(chunk, stats.toMap(), footer);
        total.merge(stats);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      SweepSummary summary =
          SweepSummary.of(spec, total, rows, partitions, seconds, commit.footerSeconds());
      commit.publish(summary.toJson());
      out.println(
          "gradgrid: wrote "
              + summary.rows()
              + " rows to "
              + spec.outputForMessages()
              + " (Parquet, "
              + codec
              + "); summary in "
              + MetaFile.path(MetaFile.SUMMARY));
      return summary;
    }
  }
}
