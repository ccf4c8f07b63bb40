package gradgrid.job.cli;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.sql.ResultTable;
import gradgrid.job.sql.SparkMessages;
import gradgrid.job.sql.SweepCatalog;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.ui.JobDescription;
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
 * The views the SQL commands query ({@code sql}, the shell and the Connect server), registered once
 * in a session, and one statement run against them with gradgrid's table or CSV output.
 *
 * @param views the names registered, finished outputs first, then the live views
 * @param finished how many of {@code views} are finished outputs
 * @param skipped why each output that is not a view was skipped, by its view name in lower case
 */
public record SqlViews(List<String> views, int finished, Map<String, String> skipped) {
  /**
   * Registers the finished outputs of the confs in {@code confs} (or the sub-directories of {@code
   * dir}) and each conf's live view, as temporary views of {@code spark}; notes go to {@code err}.
   *
   * @param spark the session
   * @param dir an output directory whose sub-directories are the outputs, or null
   * @param confs the sweep confs' directory (used when {@code dir} is null)
   * @param err where notes go
   * @return what was registered
   * @throws ConfException when the directory given does not exist
   */
  public static SqlViews register(SparkSession spark, String dir, Path confs, PrintStream err) {
    FunctionProviders providers = FunctionProviders.load();
    List<SweepCatalog.LoadedConf> loaded =
        dir != null
            ? List.of()
            : SweepCatalog.confs(confs, new SweepConfLoader(providers, Path.of("")), err);
    List<SweepOutput> candidates =
        dir != null ? SweepCatalog.fromDir(spark, dir) : SweepCatalog.outputs(loaded);
    SweepCatalog.Views registered = SweepCatalog.register(spark, candidates, err);
    List<String> views = new ArrayList<>();
    registered.registered().forEach(v -> views.add(v.name()));
    int finished = views.size();
    views.addAll(SweepCatalog.registerLive(spark, loaded, providers, err));
    if (finished == 0) {
      err.println(
          "note: no finished sweep outputs found"
              + (views.isEmpty() ? "; no views registered" : "; only live views: " + views));
    }
    return new SqlViews(List.copyOf(views), finished, registered.skipped());
  }

  /**
   * Runs one statement and prints its result: an aligned table of at most {@code maxRows} rows, or
   * every row as CSV; a statement whose result has no columns (SET, CREATE VIEW) prints nothing. A
   * failure is one paragraph on {@code err} (with the view names when the query may have named a
   * wrong one).
   *
   * @param spark the session
   * @param sql the statement
   * @param csv CSV instead of a table
   * @param maxRows the most rows a table shows
   * @param out where the result goes
   * @param err where an error goes
   * @return {@link ExitCode#OK}, or {@link ExitCode#BAD_INPUT} when the statement failed
   */
  public ExitCode run(
      SparkSession spark, String sql, boolean csv, int maxRows, PrintStream out, PrintStream err) {
    try {
      JobDescription.run(spark, "sql: " + sql, () -> print(spark.sql(sql), csv, maxRows, out));
      return ExitCode.OK;
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      String why = skippedView(e);
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

  /** The result as a table or CSV; a result with no columns (SET, CREATE VIEW) prints nothing. */
  private static void print(Dataset<Row> result, boolean csv, int maxRows, PrintStream out) {
    if (result.columns().length == 0) {
      return;
    }
    if (csv) {
      ResultTable.printCsv(result, out);
    } else {
      ResultTable.printTable(result, maxRows, out);
    }
  }

  /**
   * The one-paragraph reason when a query failed only because it names a view that was skipped
   * (unfinished, damaged, missing), instead of Spark's "table or view not found".
   */
  private String skippedView(Exception e) {
    if (!(e instanceof AnalysisException a)
        || !"TABLE_OR_VIEW_NOT_FOUND".equals(a.getCondition())) {
      return null;
    }
    String name = a.getMessageParameters().getOrDefault("relationName", "").replace("`", "");
    String why = skipped.get(name.toLowerCase(Locale.ROOT));
    return why == null ? null : "the query reads view '" + name + "', which was skipped: " + why;
  }
}
