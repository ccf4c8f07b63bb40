package gradgrid.job.cli;

import gradgrid.job.conf.ConfException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of {@code ./submit.sh sql [--csv] [--dir DIR] [--max-rows N] "SELECT ..."}: registers
 * the sweep outputs as views (see the package overview) and prints the query's result. Exit 0, or 2
 * with Spark's message on a bad query or bad arguments. Without a query it opens {@link SqlShell}.
 */
public final class SqlMain {
  static final String USAGE =
      "Usage: ./submit.sh sql [--csv] [--dir OUTPUT_DIR | --confs CONF_DIR] [--max-rows N]"
          + " \"SELECT ...\"";

  private SqlMain() {}

  /**
   * The parsed command line.
   *
   * @param csv print CSV instead of a table
   * @param dir register the sub-directories of this output directory, or null
   * @param confs register the outputs of the sweep confs in this directory (default {@code conf})
   * @param maxRows the most rows a table shows
   * @param query the SQL text
   */
  public record Options(boolean csv, String dir, Path confs, int maxRows, String query) {
    /**
     * Parses the command line.
     *
     * @param args the arguments after {@code sql}
     * @return the options
     * @throws ConfException on a bad command line
     */
    public static Options parse(String[] args) {
      return parse(args, true);
    }

    /**
     * Parses the command line, with or without a query.
     *
     * @param args the arguments after {@code sql}
     * @param needQuery whether a missing query is an error (else {@link #query()} is null: the
     *     shell)
     * @return the options
     * @throws ConfException on a bad command line
     */
    public static Options parse(String[] args, boolean needQuery) {
      boolean csv = false;
      String dir = null;
      Path confs = Path.of("conf");
      int maxRows = 1000;
      String query = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String given = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 2) {
          given = a.substring(eq + 1);
          a = a.substring(0, eq);
        }
        switch (a) {
          case "--csv" -> {
            if (given != null) {
              throw new ConfException("--csv takes no value, got '" + args[i] + "'");
            }
            csv = true;
          }
          case "--dir" -> dir = given != null ? given : value(args, ++i, a);
          case "--confs" -> confs = Path.of(given != null ? given : value(args, ++i, a));
          case "--max-rows" -> maxRows = maxRows(given != null ? given : value(args, ++i, a));
          default -> {
            if (a.startsWith("--") || query != null) {
              throw new ConfException("unexpected argument '" + args[i] + "'");
            }
            query = a;
          }
        }
      }
      if (query == null ? needQuery : query.isBlank()) {
        throw new ConfException("no query given");
      }
      return new Options(csv, dir, confs, maxRows, query);
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length || args[i].startsWith("--")) {
        throw new ConfException(flag + " needs a value");
      }
      return args[i];
    }

    /** A row limit from 1 to {@link Integer#MAX_VALUE}, or a one-paragraph error naming it. */
    private static int maxRows(String text) {
      String t = text.strip();
      if (!t.matches("[+-]?[0-9]+")) {
        throw new ConfException(
            "--max-rows: expected a whole number of rows from 1 to "
                + Integer.MAX_VALUE
                + ", got '"
                + text
                + "'");
      }
      if (t.startsWith("-") || t.matches("[+]?0+")) {
        throw new ConfException("--max-rows: must be at least 1, got " + t);
      }
      try {
        return Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new ConfException(
            "--max-rows: "
                + t
                + " is more than "
                + Integer.MAX_VALUE
                + ", the most rows a table shows; use --csv to print every row");
      }
    }
  }

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Options o;
    try {
      o = Options.parse(args, false);
    } catch (ConfException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      ExitCode.BAD_INPUT.exit();
      return;
    }
    SparkSession spark =
        Sessions.start(
            Sessions.withFunctions(
                Sessions.builder(o.query() == null ? "gradgrid sql shell" : "gradgrid sql"),
                o.confs()));
    ExitCode code;
    try {
      code = o.query() == null ? SqlShell.run(spark, o) : run(spark, o, System.out, System.err);
    } finally {
      spark.stop();
    }
    code.exit();
  }

  /**
   * Registers the views and runs the query on an existing session.
   *
   * @param spark the session
   * @param o the options
   * @param out where the result goes
   * @param err where notes and errors go
   * @return {@link ExitCode#OK}, or {@link ExitCode#BAD_INPUT}
   */
  public static ExitCode run(SparkSession spark, Options o, PrintStream out, PrintStream err) {
    SqlViews views;
    try {
      views = SqlViews.register(spark, o.dir(), o.confs(), err);
    } catch (ConfException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    return views.run(spark, o.query(), o.csv(), o.maxRows(), out, err);
  }
}
