package gradgrid.job.cli;

import gradgrid.job.conf.ConfException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive SQL shell ({@code ./submit.sh sql} with no query): the views registered once,
 * then one statement after another, each ended by {@code ;} and printed as {@code sql} prints it.
 * On a terminal it edits lines and keeps a history (JLine); with stdin not a terminal (piped
 * statements) it reads plain lines and prints no prompt, so stdout holds only the results. A
 * failing statement is one paragraph on stderr and the shell goes on; {@code quit}, {@code exit},
 * {@code \q} or the end of input leave it; Ctrl-C cancels the running statement. Meta-commands:
 * {@code \csv on|off}, {@code \max-rows N}, {@code \views}, {@code \help}.
 */
public final class SqlShell {
  /** The history file: {@code GRADGRID_SQL_HISTORY}, else {@code ~/.gradgrid_sql_history}. */
  static final String HISTORY_ENV = "GRADGRID_SQL_HISTORY";

  private static final String HELP =
      String.join(
          "\n",
          "End each statement with ';' (it may span lines). Commands:",
          "  \\csv on|off     print results as CSV (every row) or as a table",
          "  \\max-rows N     the most rows a table shows",
          "  \\views          the registered views",
          "  \\help           this text",
          "  quit, exit, \\q  leave (or Ctrl-D)");

  private final SparkSession spark;
  private final SqlViews views;
  private final PrintStream out;
  private final PrintStream err;
  private boolean csv;
  private int maxRows;
  private boolean failed;

  private SqlShell(
      SparkSession spark, SqlViews views, SqlMain.Options o, PrintStream out, PrintStream err) {
    this.spark = spark;
    this.views = views;
    this.out = out;
    this.err = err;
    this.csv = o.csv();
    this.maxRows = o.maxRows();
  }

  /**
   * Registers the views and reads statements from the terminal, or from stdin when it is not one,
   * until the end of input or {@code quit}.
   *
   * @param spark the session
   * @param o the options ({@code --csv} and {@code --max-rows} are the starting settings)
   * @return {@link ExitCode#OK}; {@link ExitCode#BAD_INPUT} when the views cannot be registered or,
   *     reading piped input, when any statement failed
   */
  public static ExitCode run(SparkSession spark, SqlMain.Options o) {
    SqlViews views;
    try {
      views = SqlViews.register(spark, o.dir(), o.confs(), System.err);
    } catch (ConfException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    SqlShell shell = new SqlShell(spark, views, o, System.out, System.err);
    if (System.console() == null) {
      return shell.piped(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    shell.interactive();
    return ExitCode.OK;
  }

  /**
   * Reads statements from a reader with no prompt (stdin not a terminal, or a test).
   *
   * @param spark the session
   * @param views the views registered
   * @param o the starting settings
   * @param in the statements
   * @param out where results go
   * @param err where errors go
   * @return {@link ExitCode#OK}, or {@link ExitCode#BAD_INPUT} when any statement failed
   */
  static ExitCode piped(
      SparkSession spark,
      SqlViews views,
      SqlMain.Options o,
      Reader in,
      PrintStream out,
      PrintStream err) {
    return new SqlShell(spark, views, o, out, err).piped(in);
  }

  private ExitCode piped(Reader in) {
    Statements statements = new Statements();
    try (BufferedReader r = new BufferedReader(in)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!handle(statements, line)) {
          return failed ? ExitCode.BAD_INPUT : ExitCode.OK;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the statements", e);
    }
    String rest = statements.drain();
    if (!rest.isEmpty()) {
      execute(rest); // the last statement may leave out its ';'
    }
    return failed ? ExitCode.BAD_INPUT : ExitCode.OK;
  }

  private void interactive() {
    Path history = history();
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      // Ctrl-C while a statement runs cancels its Spark jobs; at the prompt it drops the line.
      terminal.handle(Terminal.Signal.INT, s -> spark.sparkContext().cancelAllJobs());
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("gradgrid")
              .variable(LineReader.HISTORY_FILE, history)
              // SQL has '!=' and the meta-commands start with '\': no history expansion of either
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
              .build();
      err.println(
          "gradgrid sql shell: "
              + (views.views().isEmpty() ? "no views" : "views " + String.join(", ", views.views()))
              + "\nEnd statements with ';'; \\help for commands; quit or Ctrl-D to leave."
              + " History: "
              + history);
      Statements statements = new Statements();
      while (true) {
        String line;
        try {
          line = reader.readLine(statements.inStatement() ? "      -> " : "gradgrid> ");
        } catch (UserInterruptException e) {
          statements.drain(); // Ctrl-C drops the statement being typed
          continue;
        } catch (EndOfFileException e) {
          return;
        }
        if (!handle(statements, line)) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal", e);
    }
  }

  private static Path history() {
    String given = System.getenv(HISTORY_ENV);
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    return Path.of(System.getProperty("user.home"), ".gradgrid_sql_history");
  }

  /** One line of input: a meta-command, quit, or SQL text. False when the shell should end. */
  private boolean handle(Statements statements, String line) {
    String t = line.strip();
    if (!statements.inStatement()) {
      String word = t.endsWith(";") ? t.substring(0, t.length() - 1).strip() : t;
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.equals("quit") || lower.equals("exit") || lower.equals("\\q")) {
        return false;
      }
      if (t.startsWith("\\")) {
        meta(word);
        return true;
      }
    }
    for (String s : statements.add(line)) {
      execute(s);
    }
    return true;
  }

  private void meta(String command) {
    String[] words = command.split("\\s+");
    String name = words[0].toLowerCase(Locale.ROOT);
    String arg = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "";
    if (name.equals("\\csv") && words.length == 2 && (arg.equals("on") || arg.equals("off"))) {
      csv = arg.equals("on");
      err.println("csv " + arg);
    } else if (name.equals("\\max-rows") && words.length == 2) {
      try {
        maxRows = SqlMain.Options.parse(new String[] {"--max-rows", words[1], "-"}).maxRows();
        err.println("max-rows " + maxRows);
      } catch (ConfException e) {
        error(e.getMessage());
      }
    } else if (name.equals("\\views") && words.length == 1) {
      out.println(views.views().isEmpty() ? "(no views)" : String.join("\n", views.views()));
    } else if (name.equals("\\help") && words.length == 1) {
      err.println(HELP);
    } else {
      error("unknown command '" + command + "'; \\help lists the commands");
    }
  }

  private void execute(String sql) {
    if (views.run(spark, sql, csv, maxRows, out, err) != ExitCode.OK) {
      failed = true;
    }
  }

  private void error(String message) {
    err.println("error: " + message);
    failed = true;
  }
}
