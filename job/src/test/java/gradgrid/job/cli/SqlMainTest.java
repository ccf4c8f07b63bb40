package gradgrid.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.conf.ConfException;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.testing.LocalCluster;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.testing.SqlRun;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Views over sweep outputs, query output, and Spark's message on a bad query. */
class SqlMainTest {
  @TempDir static Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void sweeps() throws Exception {
    SmallSweeps.run(
        dir,
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 5 }\n"
            + "outputs = [f, \"f'\", \"grad(beta)\"]\noutput.dir = out/small-run\n");
    // A copy without the manifest: a sweep that did not finish.
    Path broken = Files.createDirectories(dir.resolve("out/broken"));
    try (Stream<Path> s = Files.list(dir.resolve("out/small-run"))) {
      for (Path p : s.toList()) {
        if (!p.getFileName().toString().contains("manifest")) {
          Files.copy(p, broken.resolve(p.getFileName()));
        }
      }
    }
  }

  private int sql(String... args) {
    return SqlRun.sql(out, err, args);
  }

  @Test
  void registersFinishedOutputsAsViewsAndPrintsATable() {
    int code = sql("--dir", dir.resolve("out").toString(), "SELECT x, f FROM small_run ORDER BY x");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    SparkSession spark = SparkTestSession.get();
    assertTrue(spark.catalog().tableExists("small_run"));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("x"), text);
    assertTrue(text.contains("-1.0 |"), text);
    assertTrue(text.contains("(5 rows)"), text);
    String notes = err.toString(StandardCharsets.UTF_8);
    assertTrue(notes.contains("broken") && notes.contains("did not finish"), notes);
  }

  @Test
  void aConfsLiveViewAnswersWithoutTheSweepWritten() throws Exception {
    Path confs = Files.createDirectories(dir.resolve("live-confs"));
    Files.writeString(
        confs.resolve("never-run.conf"),
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 2001 }\n"
            + "outputs = [f, \"f'\"]\noutput.dir = \""
            + dir.resolve("out/never-run")
            + "\"\n");
    int code =
        sql(
            "--confs",
            confs.toString(),
            "SELECT count(*) AS n, min(x) AS lo FROM never_run_live WHERE x BETWEEN 0.5 AND 1");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    // 0.5 and 1 are grid points (step 0.001): 501 rows from 0.5.
    assertTrue(text.contains("501 | 0.5"), text);
    assertFalse(Files.exists(dir.resolve("out/never-run")), "the live view wrote its output");
    String notes = err.toString(StandardCharsets.UTF_8);
    assertTrue(notes.contains("only live views: [never_run_live]"), notes);
  }

  @Test
  void theWarehouseIsAScratchDirectoryOutsideTheWorkingDirectory() {
    assertEquals(0, sql("--dir", dir.resolve("out").toString(), "SELECT count(*) FROM small_run"));
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    Path warehouse =
        Path.of(java.net.URI.create(SparkTestSession.get().conf().get(Sessions.WAREHOUSE)))
            .normalize();
    assertFalse(warehouse.startsWith(cwd), warehouse + " is under " + cwd);
    assertTrue(warehouse.startsWith(tmp), warehouse + " is not under " + tmp);
    assertFalse(Files.exists(cwd.resolve("spark-warehouse")), "spark-warehouse/ in " + cwd);
  }

  @Test
  void csvWithAnArrayColumn() {
    int code =
        sql(
            "--csv",
            "--dir",
            dir.resolve("out").toString(),
            "SELECT x, grad_beta FROM small_run WHERE x = 0");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("x,grad_beta", lines[0]);
    assertTrue(lines[1].startsWith("0.0,\"["), lines[1]);
  }

  @Test
  void badQueryGivesSparksMessageAndExitTwo() {
    int code = sql("--dir", dir.resolve("out").toString(), "SELECT no_such_column FROM small_run");
    assertEquals(2, code);
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("UNRESOLVED_COLUMN") && e.contains("no_such_column"), e);
  }

  @Test
  void unfinishedSweepIsNotAView() {
    int code = sql("--dir", dir.resolve("out").toString(), "SELECT * FROM broken");
    assertEquals(2, code);
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("error: the query reads view 'broken', which was skipped: "), e);
    assertTrue(e.contains("did not finish"), e);
  }

  @Test
  void viewNamesAndArguments() {
    assertEquals("seed_coefficients", SweepOutput.viewName("seed-coefficients.conf"));
    assertEquals("_1e8", SweepOutput.viewName("1e8.conf"));
    assertThrows(ConfException.class, () -> SqlMain.Options.parse(new String[] {"--csv"}));
    assertThrows(
        ConfException.class, () -> SqlMain.Options.parse(new String[] {"--max-rows", "x", "q"}));
  }

  /** Each case is the command line, the query written as {@code Q}, and what the error says. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--max-rows 99999999999 Q  | 99999999999 is more than 2147483647, the most rows a table",
        "--max-rows 2147483648 Q   | 2147483648 is more than 2147483647",
        "--max-rows abc Q          | expected a whole number of rows from 1 to 2147483647, got 'abc'",
        "--max-rows 1e3 Q          | got '1e3'",
        "--max-rows 1.5 Q          | got '1.5'",
        "--max-rows 0 Q            | must be at least 1, got 0",
        "--max-rows -5 Q           | must be at least 1, got -5",
        "--max-rows=-99999999999 Q | must be at least 1, got -99999999999",
        "--max-rows= Q             | got ''",
        "Q --max-rows              | --max-rows needs a value",
        "--max-rows --csv Q        | --max-rows needs a value",
        "--csv=yes Q               | --csv takes no value"
      })
  void aBadMaxRowsIsOneParagraphNamingTheValue(String line, String expected) {
    String[] args =
        Stream.of(line.split(" ")).map(a -> a.equals("Q") ? "SELECT 1" : a).toArray(String[]::new);
    ConfException e = assertThrows(ConfException.class, () -> SqlMain.Options.parse(args));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void theLargestMaxRowsStillPrintsTheTable() {
    assertEquals(
        2147483647, SqlMain.Options.parse(new String[] {"--max-rows=2147483647", "q"}).maxRows());
    int code =
        sql("--dir", dir.resolve("out").toString(), "--max-rows", "2147483647", "SELECT 1 AS one");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("(1 row)\n"), out.toString());
  }

  /** Through submit.sh: the command's own options reach it, also as --flag=value or bare. */
  @Test
  void submitShPassesTheCommandsOptionsAndAMissingValueIsTheCommandsError(@TempDir Path tmp)
      throws Exception {
    LocalCluster launch = new LocalCluster(tmp, 1);
    assertEquals(
        "error: --max-rows: must be at least 1, got 0",
        submit(launch, tmp, "sql", "--max-rows=0", "SELECT 1").get(0));
    assertEquals(
        "error: --max-rows needs a value",
        submit(launch, tmp, "sql", "SELECT 1", "--max-rows").get(0));
  }

  /** Through submit.sh: a conf's live view answers, with the sweep never run. */
  @Test
  void submitShQueriesALiveView(@TempDir Path tmp) throws Exception {
    Path confs = Files.createDirectories(tmp.resolve("confs dir"));
    Files.writeString(
        confs.resolve("live.conf"),
        SmallSweeps.SEED
            + "inputs.x { from = -1, to = 1, points = 2001 }\n"
            + "outputs = [f, \"f''\"]\noutput.dir = \""
            + tmp.resolve("out/live")
            + "\"\n");
    Path log = tmp.resolve("live.log");
    Process p =
        new LocalCluster(tmp, 1)
            .start(
                log,
                "sql",
                "--confs",
                confs.toString(),
                "SELECT count(*) AS n FROM live_live WHERE x > 0.5 AND d2f_dx2 IS NOT NULL");
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    // x > 0.5 keeps the 500 grid points after 0.5 (step 0.001); nothing is written.
    assertTrue(text.contains("\n500\n"), text);
    assertFalse(Files.exists(tmp.resolve("out/live")), text);
  }

  /** Runs submit.sh, expects exit 2, and returns its lines (stdout and stderr). */
  private static java.util.List<String> submit(LocalCluster launch, Path tmp, String... args)
      throws Exception {
    Path log = tmp.resolve("submit.log");
    Process p = launch.start(log, args);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", args));
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), text);
    assertFalse(text.contains("Exception"), text);
    return text.lines().toList();
  }
}
