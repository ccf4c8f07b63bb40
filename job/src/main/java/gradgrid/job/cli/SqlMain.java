package gradgrid.job.cli;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.sql.ResultTable;
import gradgrid.job.sql.SparkMessages;
import gradgrid.job.sql.SweepCatalog;
import gradgrid.job.sql.SweepOutput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of {@code ./submit.sh sql [--csv] [--dir DIR] [--max-rows N] "SELECT ..."}: registers
 * the sweep outputs as views (see the package overview) and prints the query's result. Exit 0, or 2
 * with Spark's message on a bad query or bad arguments.
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
      if (query == null || query.isBlank()) {
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
      o = Options.parse(args);
    } catch (ConfException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(ExitCode.BAD_INPUT.code());
      return;
    }
    SparkSession spark =
        Sessions.withFunctions(Sessions.builder("gradgrid sql"), o.confs()).getOrCreate();
    ExitCode code;
    try {
      code = run(spark, o, System.out, System.err);
    } finally {
      spark.stop();
    }
    if (code != ExitCode.OK) {
      System.exit(code.code());
    }
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
    List<String> views = new ArrayList<>();
    int finished;
    Map<String, String> skipped;
    try {
      FunctionProviders providers = FunctionProviders.load();
      List<SweepCatalog.LoadedConf> confs =
          o.dir() != null
              ? List.of()
              : SweepCatalog.confs(o.confs(), new SweepConfLoader(providers, Path.of("")), err);
      List<SweepOutput> candidates =
          o.dir() != null ? SweepCatalog.fromDir(spark, o.dir()) : SweepCatalog.outputs(confs);
      SweepCatalog.Views registered = SweepCatalog.register(spark, candidates, err);
      registered.registered().forEach(v -> views.add(v.name()));
      skipped = registered.skipped();
      finished = views.size();
      views.addAll(SweepCatalog.registerLive(spark, confs, providers, err));
    } catch (ConfException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    if (finished == 0) {
      err.println(
          "note: no finished sweep outputs found"
              + (views.isEmpty() ? "; no views registered" : "; only live views: " + views));
    }
    try {
      Dataset<Row> result = spark.sql(o.query());
      if (o.csv()) {
        ResultTable.printCsv(result, out);
      } else {
        ResultTable.printTable(result, o.maxRows(), out);
      }
      return ExitCode.OK;
    } catch (Exception e) {
      String why = skippedView(e, skipped);
      if (why != null) {
        err.println("error: " + why);
        return ExitCode.BAD_INPUT;
      }
      err.println("error: " + SparkMessages.message(e));
      if (!views.isEmpty()) {
        err.println("views: " + String.join(", ", views));
      }
      return ExitCode.BAD_INPUT;
    }
  }

  /**
   * The one-paragraph reason when a query failed only because it names a view that was skipped
   * (unfinished, damaged, missing), instead of Spark's "table or view not found".
   */
  private static String skippedView(Exception e, Map<String, String> skipped) {
    if (!(e instanceof AnalysisException a)
        || !"TABLE_OR_VIEW_NOT_FOUND".equals(a.getCondition())) {
      return null;
    }
    String name = a.getMessageParameters().getOrDefault("relationName", "").replace("`", "");
    String why = skipped.get(name.toLowerCase(Locale.ROOT));
    return why == null ? null : "the query reads view '" + name + "', which was skipped: " + why;
  }
}
