package gradgrid.job.cli;

import gradgrid.job.conf.ConfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectServer;

/**
 * Entry point of {@code ./submit.sh connect start}: Spark's own Connect server ({@link
 * SparkConnectServer}) in a session where gradgrid's views are registered once as global temporary
 * views, so that every Spark Connect session (each client has its own) reads them as {@code
 * global_temp.<view>}; the {@code gradgrid} data source is on the server's classpath, so {@code
 * spark.read.format("gradgrid")} works from a client too. Runs until stopped.
 */
public final class ConnectServer {
  static final String USAGE =
      "Usage: ./submit.sh connect start [spark options] [--dir OUTPUT_DIR | --confs CONF_DIR]";

  /** The file in the state directory that lists the views, one a line, for {@code status}. */
  static final String VIEWS_FILE = "views.txt";

  private ConnectServer() {}

  /**
   * Registers the views and serves until the process is stopped.
   *
   * @param args {@code --state-dir DIR} (where the views list goes), then {@code --dir} or {@code
   *     --confs} as for {@code sql}
   */
  public static void main(String[] args) {
    Path state = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--state-dir") && i + 1 < args.length) {
        state = Path.of(args[++i]);
      } else {
        rest.add(args[i]);
      }
    }
    SqlMain.Options o;
    try {
      o = SqlMain.Options.parse(rest.toArray(String[]::new), false);
      if (o.query() != null || o.csv()) {
        throw new ConfException("unexpected argument '" + (o.csv() ? "--csv" : o.query()) + "'");
      }
    } catch (ConfException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      ExitCode.BAD_INPUT.exit();
      return;
    }
    SparkSession spark =
        Sessions.start(Sessions.withFunctions(Sessions.builder("gradgrid connect"), o.confs()));
    SqlViews views;
    try {
      views = SqlViews.register(spark, o.dir(), o.confs(), System.err);
    } catch (ConfException e) {
      System.err.println("error: " + e.getMessage());
      spark.stop();
      ExitCode.BAD_INPUT.exit();
      return;
    }
    List<String> global = new ArrayList<>();
    for (String v : views.views()) {
      spark.table(v).createOrReplaceGlobalTempView(v);
      global.add(spark.conf().get("spark.sql.globalTempDatabase") + "." + v);
    }
    if (state != null) {
      write(state.resolve(VIEWS_FILE), global);
    }
    System.err.println(
        "gradgrid: views for every Connect session: "
            + (global.isEmpty() ? "none" : String.join(", ", global)));
    SparkConnectServer.main(new String[0]); // takes this session (getOrCreate) and blocks
  }

  private static void write(Path file, List<String> lines) {
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
