package gradgrid.job.cli;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.ConfSource;
import gradgrid.job.conf.FromTable;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.run.FunctionProviders;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The shared entry of the result commands that take one sweep conf ({@code plot}, {@code extrema}):
 * check the argument, load the conf, refuse bad input with exit 2 before Spark starts, then run the
 * command's stages in a session and exit with their code.
 */
public final class ConfCommand {
  /** A command's stages on a session. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs the command.
     *
     * @param spark the session
     * @param confFile the sweep's conf as given
     * @param spec the loaded sweep
     * @param providers the function providers the conf was loaded with
     * @return the exit code
     * @throws ConfException on bad input found once running (exit 2)
     */
    ExitCode run(SparkSession spark, Path confFile, SweepSpec spec, FunctionProviders providers);
  }

  private ConfCommand() {}

  /**
   * Runs a command and exits with its code when it is not 0.
   *
   * @param args the command line: one conf file
   * @param usage the {@code Usage:} line printed on a bad command line
   * @param appName the Spark application name
   * @param check extra checks of the loaded conf that throw {@link ConfException} on bad input
   * @param body the command's stages
   */
  public static void main(
      String[] args, String usage, String appName, Consumer<SweepSpec> check, Body body) {
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println(usage);
      ExitCode.BAD_INPUT.exit();
    }
    FunctionProviders providers = FunctionProviders.load();
    SweepSpec spec;
    Path confFile;
    try {
      confFile = ConfSource.locate(args[0]);
      spec = new SweepConfLoader(providers, Path.of("")).load(confFile);
      check.accept(spec);
    } catch (ConfException e) {
      System.err.println("error: " + e.getMessage());
      ExitCode.BAD_INPUT.exit();
      return;
    }
    SparkSession spark = Sessions.build(appName);
    ExitCode code;
    try {
      code = body.run(spark, confFile, spec, providers);
    } catch (ConfException e) {
      System.err.println("error: " + e.getMessage());
      code = ExitCode.BAD_INPUT;
    } finally {
      spark.stop();
    }
    code.exit();
  }

  /**
   * A check for commands that work on a sweep's grid ({@code plot}, {@code extrema}): a {@code
   * from-table} sweep has none.
   *
   * @param command the command's name, for the message
   * @param what what the command does over the grid
   * @return the check
   */
  static Consumer<SweepSpec> gridOnly(String command, String what) {
    return spec ->
        spec.table()
            .ifPresent(
                t -> {
                  throw new ConfException(
                      command
                          + " "
                          + what
                          + "; this conf sweeps the rows of "
                          + t.describe()
                          + " (inputs."
                          + FromTable.KEY
                          + "), which are not a grid: query its output with ./submit.sh sql");
                });
  }
}
