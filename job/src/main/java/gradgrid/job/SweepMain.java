package gradgrid.job;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.MasterUrl;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.figures.FiguresConf;
import gradgrid.job.figures.PlotMain;
import gradgrid.job.parquet.OutputGuard;
import gradgrid.job.parquet.SweepSummary;
import gradgrid.job.parquet.SweepWriter;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.sql.Sessions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    SweepSpec spec;
    EvaluatorFactory factory;
    Optional<FiguresConf> figures;
    try {
      FunctionProviders providers = FunctionProviders.load();
      spec = new SweepConfLoader(providers, Path.of("")).load(Path.of(args[0]));
      SparkConf sparkConf = new SparkConf();
      if (sparkConf.contains("spark.master")) {
        MasterUrl.check(sparkConf.get("spark.master"));
      }
      OutputGuard.check(spec);
      figures = FiguresConf.of(spec);
      factory = providers.evaluator(spec);
    } catch (ConfException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return EXIT_BAD_INPUT;
    }
    SparkSession spark = buildSession();
    try {
      SweepSummary summary = sweep(spark, spec, factory);
      out.println(
          "gradgrid: wrote "
              + summary.rows()
              + " rows to "
              + spec.output()
              + " (Parquet, snappy); summary in "
              + SweepSummary.FILE_NAME);
      if (figures.isPresent()) {
        return PlotMain.plot(
            spark, Path.of(args[0]), spec, figures.get(), FunctionProviders.load(), out, err);
      }
    } catch (ConfException e) {
      // Only checks that need the cluster's file system get here (a remote output.dir).
      err.println("error: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (Exception e) {
      err.println(
          "error: the sweep failed and did not finish: "
              + rootMessage(e)
              + "\n"
              + spec.output()
              + " holds no finished output (readers refuse it); fix the cause and run again"
              + " (output.mode = overwrite replaces the unfinished directory)");
      return EXIT_FAILED;
    } finally {
      spark.stop();
    }
    return 0;
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
   * The stages of a sweep on an existing session: plan partitions, evaluate, write, summarise.
   *
   * @param spark the session
   * @param spec the checked sweep
   * @param factory the evaluator recipe
   * @return the summary (also written beside the data)
   */
  public static SweepSummary sweep(SparkSession spark, SweepSpec spec, EvaluatorFactory factory) {
    long start = System.nanoTime();
    int partitions = SweepWriter.partitions(spark, spec);
    ColumnStats stats = new ColumnStats(spec.grid().axes().size() + factory.outputWidth());
    spark.sparkContext().register(stats, "gradgrid column stats");
    Dataset<Row> rows = SweepWriter.evaluate(spark, spec, factory, partitions, stats);
    SweepWriter.write(rows, spec);
    double seconds = (System.nanoTime() - start) / 1e9;
    SweepSummary summary = SweepSummary.of(spec, stats, partitions, seconds);
    summary.write(spark, spec);
    SweepWriter.finish(spark, spec);
    return summary;
  }

  private static SparkSession buildSession() {
    return Sessions.build("gradgrid sweep");
  }
}
