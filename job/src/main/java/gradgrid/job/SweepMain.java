package gradgrid.job;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.MasterUrl;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.figures.FiguresStage;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.parquet.SweepWriter;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.source.SweepRuns;
import gradgrid.job.sql.Sessions;
import gradgrid.job.store.Chunk;
import gradgrid.job.store.OutputCommit;
import gradgrid.job.store.OutputGuard;
import gradgrid.job.store.OutputPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point: {@code SweepMain <sweep.conf>}. Loads and checks the conf (exit 2 on a bad conf,
 * nothing written), builds the session, runs the named stages, stops; a sweep that fails once
 * running exits 1 and leaves no output that readers accept.
 */
public final class SweepMain {
  /** Exit code for bad input (usage, conf, output directory, master URL). */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for a sweep that started and failed (tasks failing beyond Spark's retries). */
  public static final int EXIT_FAILED = 1;

  private static final String USAGE = "Usage: SweepMain <sweep.conf>   (see README.md)";

  private SweepMain() {}

  /**
   * Runs a sweep and exits with 0, 1 when a started sweep fails, or 2 on bad input.
   *
   * @param args the conf file
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs a sweep, returning the exit code instead of exiting.
   *
   * @param args the conf file
   * @param out where the result line goes
   * @param err where errors go
   * @return 0, {@link #EXIT_BAD_INPUT} or {@link #EXIT_FAILED}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1 || args[0].startsWith("-")) {
      err.println(USAGE);
      return EXIT_BAD_INPUT;
    }
    FunctionProviders providers;
    SweepSpec spec;
    EvaluatorFactory factory;
    try {
      providers = FunctionProviders.load();
      spec = new SweepConfLoader(providers, Path.of("")).load(Path.of(args[0]));
      SparkConf sparkConf = new SparkConf();
      if (sparkConf.contains("spark.master")) {
        MasterUrl.check(sparkConf.get("spark.master"));
      }
      OutputGuard.check(spec);
      factory = providers.evaluator(spec);
    } catch (ConfException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return EXIT_BAD_INPUT;
    }
    SparkSession spark = buildSession();
    try {
      sweep(spark, spec, factory, out);
      if (spec.figures().isPresent()) {
        return FiguresStage.draw(
            spark,
            Path.of(args[0]),
            spec,
            spec.figures().get(),
            providers,
            SweepMain::sweep,
            out,
            err);
      }
    } catch (ConfException e) {
      // Refusals under the output's lock: another run is writing it, or the write mode forbids.
      err.println("error: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (Exception | Error e) {
      // Errors too: a full disk surfaces as Hadoop's FSError, and the answer is still one
      // paragraph.
      err.println(
          "error: the sweep failed and did not finish: "
              + rootMessage(e)
              + "\n"
              + spec.outputForMessages()
              + " holds no partial output of this run; fix the cause and run again (output.mode = resume"
              + " continues from the chunks it committed)"
              + logHint());
      return EXIT_FAILED;
    } finally {
      spark.stop();
    }
    return 0;
  }

  /** Where Spark's log with the stack traces is, when {@code submit.sh} set one. */
  private static String logHint() {
    String file = System.getProperty("gradgrid.log.file");
    return file == null ? "" : "; Spark's log with the stack traces: " + file;
  }

  /** The first line of the innermost cause, which names what went wrong. */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }

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
  public static SweepSummary sweep(
      SparkSession spark, SweepSpec spec, EvaluatorFactory factory, PrintStream out)
      throws IOException {
    long start = System.nanoTime();
    OutputPaths paths = OutputPaths.of(spec.output(), spark.sparkContext().hadoopConfiguration());
    try (OutputCommit commit =
        OutputCommit.open(paths, spec.mode(), spec.confJson(), spec.grid().rows())) {
      if (commit.finished()) {
        out.println(
            "gradgrid: "
                + OutputPaths.display(paths.dir())
                + " is already this conf's finished output; nothing to do");
        return SweepSummary.read(paths.fs(), paths.dir());
      }
      int width = spec.grid().axes().size() + factory.outputWidth();
      ColumnStats total = new ColumnStats(width);
      for (Chunk c : commit.chunks()) {
        total.merge(ColumnStats.fromMap(c.stats()));
      }
      int cores = spark.sparkContext().defaultParallelism();
      int partitions = PartitionPlan.count(spec.partitions(), spec.grid().rows(), cores);
      List<IndexRange> todo =
          PartitionPlan.missing(spec.grid().rows(), partitions, commit.committedRanges());
      if (!commit.chunks().isEmpty()) {
        out.println(
            "gradgrid: resuming run "
                + commit.runId()
                + ": "
                + total.rows()
                + " of "
                + spec.grid().rows()
                + " rows were committed");
      }
      int every =
          spec.commitEvery() > 0
              ? spec.commitEvery()
              : PartitionPlan.defaultChunk(partitions, cores);
      for (int i = 0; i < todo.size(); i += every) {
        List<IndexRange> chunk = todo.subList(i, Math.min(todo.size(), i + every));
        ColumnStats stats = new ColumnStats(width);
        spark.sparkContext().register(stats, "gradgrid column stats");
        SweepWriter.write(
            SweepRuns.read(spark, spec, factory, chunk, stats), spec, commit.staging());
        commit.commit(chunk, stats.toMap());
        total.merge(stats);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      SweepSummary summary = SweepSummary.of(spec, total, partitions, seconds);
      summary.write(paths.fs(), commit.staging());
      commit.publish();
      out.println(
          "gradgrid: wrote "
              + summary.rows()
              + " rows to "
              + spec.outputForMessages()
              + " (Parquet, snappy); summary in "
              + SweepSummary.FILE_NAME);
      return summary;
    }
  }

  private static SparkSession buildSession() {
    return Sessions.build("gradgrid sweep");
  }
}
