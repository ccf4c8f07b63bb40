package gradgrid.job.testing;

import gradgrid.job.cli.SqlMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code ./submit.sh sql}'s code in the shared test session, capturing what it prints. */
public final class SqlRun {
  private SqlRun() {}

  /**
   * Runs one {@code sql} command line.
   *
   * @param out receives the table
   * @param err receives notes and errors
   * @param args the command's arguments
   * @return the exit code
   */
  public static int sql(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return SqlMain.run(
            SparkTestSession.get(),
            SqlMain.Options.parse(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .code();
  }
}
