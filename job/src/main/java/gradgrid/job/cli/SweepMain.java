package gradgrid.job.cli;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.ConfSource;
import gradgrid.job.conf.MasterUrl;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.figures.FiguresStage;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.store.OutputGuard;
import gradgrid.job.write.SweepToParquet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of {@code ./submit.sh <sweep.conf>}. Loads and checks the conf (exit 2 on a bad conf,
 * nothing written), builds the session, runs the named stages, stops; a sweep that fails once
 * running exits 1 and leaves no output that readers accept.
 */
public final class SweepMain {
  private static final String USAGE =
      "Usage: ./submit.sh [spark-submit options] <sweep.conf>   (see README.md)";

  private SweepMain() {}

  /**
   * Runs a sweep and exits with 0, 1 when a started sweep fails, or 2 on bad input.
   *
   * @param args the conf file
   */
  public static void main(String[] args) {
    run(args, System.out, System.err).exit();
  }

  /**
   * Runs a sweep, returning the exit code instead of exiting.
   *
   * @param args the conf file
   * @param out where the result line goes
   * @param err where errors go
   * @return {@link ExitCode#OK}, {@link ExitCode#BAD_INPUT} or {@link ExitCode#FAILED}
   */
  public static ExitCode run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1 || args[0].startsWith("-")) {
      err.println(USAGE);
      return ExitCode.BAD_INPUT;
    }
    FunctionProviders providers;
    SweepSpec spec;
    EvaluatorFactory factory;
    Path confFile;
    try {
      providers = FunctionProviders.load();
      confFile = ConfSource.locate(args[0]);
      spec = new SweepConfLoader(providers, Path.of("")).load(confFile);
      SparkConf sparkConf = new SparkConf();
      if (sparkConf.contains("spark.master")) {
        MasterUrl.check(sparkConf.get("spark.master"));
      }
      OutputGuard.check(spec);
      factory = providers.evaluator(spec);
    } catch (ConfException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return ExitCode.BAD_INPUT;
    } catch (OutOfMemoryError e) {
      err.println(
          "error: the driver ran out of memory while checking the conf and building the kernel"
              + " plan (before Spark started; nothing was written): raise --driver-memory, or"
              + " lower the limits block so that such a sweep is refused up front");
      return ExitCode.FAILED;
    }
    SparkSession spark;
    try {
      spark = buildSession();
    } catch (IllegalStateException e) {
      // The application can be stopped while the session is still being built (a standalone
      // master that cannot be reached ends it after its registration attempts).
      if (e.getMessage() == null || !e.getMessage().contains("stopped SparkContext")) {
        throw e;
      }
      err.println(failed(stopped(new SparkConf().get("spark.master", "local[*]")), spec));
      return ExitCode.FAILED;
    }
    boolean swept = false;
    try {
      SweepToParquet.run(spark, spec, factory, out);
      swept = true;
      if (spec.figures().isPresent()) {
        FiguresStage.draw(
            spark, confFile, spec, spec.figures().get(), providers, SweepToParquet::run, out, err);
      }
    } catch (ConfException e) {
      // Refusals under the output's lock: another run is writing it, or the write mode forbids.
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (Exception | Error e) {
      // Errors too: a full disk surfaces as Hadoop's FSError, and the answer is still one
      // paragraph.
      err.println(swept ? figuresFailed(cause(spark, e), spec) : failed(cause(spark, e), spec));
      return ExitCode.FAILED;
    } finally {
      spark.stop();
    }
    return ExitCode.OK;
  }

  /** Where Spark's log with the stack traces is, when {@code submit.sh} set one. */
  private static String logHint() {
    String file = System.getProperty("gradgrid.log.file");
    return file == null ? "" : "; Spark's log with the stack traces: " + file;
  }

  /**
   * What went wrong: when Spark stopped the application itself (a standalone master that cannot be
   * reached ends it after three registration attempts), that, with the master; otherwise the
   * innermost cause, whose message is then only Spark's "stopped SparkContext".
   */
  private static String cause(SparkSession spark, Throwable e) {
    if (spark.sparkContext().isStopped()) {
      return stopped(spark.sparkContext().master());
    }
    return rootMessage(e);
  }

  private static String stopped(String master) {
    return "Spark stopped the application before the sweep finished (master "
        + master
        + "; \"All masters are unresponsive\" above means it could not be reached)";
  }

  /** The one paragraph of a sweep that failed once running. */
  private static String failed(String cause, SweepSpec spec) {
    return "error: the sweep failed and did not finish: "
        + cause
        + "\n"
        + left(spec)
        + "; fix the cause and run again"
        + (spec.table().isPresent()
            ? " (a sweep over a table's rows starts over: its rows are one chunk)"
            : " (output.mode = resume continues from the chunks it committed)")
        + logHint();
  }

  /** The one paragraph of a sweep that finished and whose figures then failed. */
  private static String figuresFailed(String cause, SweepSpec spec) {
    return "error: the sweep finished and "
        + spec.outputForMessages()
        + " is complete, but drawing its figures failed: "
        + cause
        + "; fix the cause and run ./submit.sh plot with the same conf, which draws them from the finished output"
        + logHint();
  }

  /** What a failed run leaves at the output: nothing of its own, whether or not it existed. */
  private static String left(SweepSpec spec) {
    if (spec.localOutput() != null && !Files.exists(spec.localOutput())) {
      return "nothing was written to " + spec.outputForMessages();
    }
    return spec.outputForMessages() + " holds no partial output of this run";
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

  private static SparkSession buildSession() {
    return Sessions.build("gradgrid sweep");
  }
}
