package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.cli.ExitCode;
import gradgrid.job.cli.SweepMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7's bad-input list, each through {@link SweepMain#run}: exit code 2, one error paragraph
 * naming the key or token (no stack trace), and nothing written. {@code ${OUT}} in a conf is the
 * output directory, {@code ${FILE}} an existing regular file, {@code ${DIR}} the temp directory.
 */
class BadInputTest {
  private static final String FUNCTION = "function { builtin = rational, deg-p = 1, deg-q = 1 }\n";
  private static final String FIXED = "inputs.alpha = [1, 2]\ninputs.beta = [3, 4]\n";
  private static final String AXIS = "inputs.x { from = -1, to = 1, points = 5 }\n";
  private static final String OUT = "output.dir = \"${OUT}\"\n";
  private static final String GOOD_TAIL = FIXED + "outputs = [f]\n" + OUT;
  private static final String CRITICAL =
      FUNCTION + "inputs.x = 0\ninputs.\"alpha[1]\" { from = 0, to = 1, points = 3 }\n" + FIXED;

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    String home = System.getProperty("user.home");
    return Stream.of(
        bad("missing conf", null, "conf file not found"),
        bad(
            "syntax error with its line",
            FUNCTION + AXIS + "outputs = [f] }\n" + OUT,
            "s.conf",
            ": 3"),
        bad(
            "unknown key, did you mean",
            FUNCTION + AXIS + GOOD_TAIL + "ouptut.mode = overwrite\n",
            "unknown key 'ouptut'",
            "did you mean 'output'"),
        bad(
            "unknown key in figures, did you mean",
            FUNCTION + AXIS + GOOD_TAIL + "figures {\n  widht = 800\n}\n",
            "s.conf:8: unknown key 'figures.widht'",
            "did you mean 'width'"),
        bad(
            "figures value of the wrong type",
            FUNCTION + AXIS + GOOD_TAIL + "figures.dir = [a, b]\n",
            "s.conf:7: figures.dir: expected a string, got list"),
        bad(
            "figures scale not among its choices",
            FUNCTION + AXIS + GOOD_TAIL + "figures.scale = logarithmic\n",
            "s.conf:7: figures.scale: expected one of linear, log, symlog, auto, got \"logarithmic\""),
        bad(
            "figures contours out of range",
            FUNCTION + AXIS + GOOD_TAIL + "figures.contours = 99\n",
            "s.conf:7: figures.contours: expected a whole number of contour lines in 0..50, got 99"),
        bad(
            "unknown Parquet codec, did you mean",
            FUNCTION + AXIS + GOOD_TAIL + "output.compression = snapy\n",
            "s.conf:7: output.compression: 'snapy' is not a Parquet codec",
            "did you mean 'snappy'",
            "lz4_raw, zstd"),
        bad("missing function", AXIS + GOOD_TAIL, "function: missing"),
        bad(
            "critical-points of a vector input",
            CRITICAL + "outputs = [\"critical-points(alpha, -1, 1, 11)\"]\n" + OUT,
            "s.conf:6: outputs[0]",
            "'alpha' is a vector of 2",
            "critical-points scans a scalar input"),
        bad(
            "critical-points with from >= to",
            CRITICAL + "outputs = [\"critical-points(x, 1, 1, 11)\"]\n" + OUT,
            "from must be less than to; got from = 1, to = 1"),
        bad(
            "critical-points over a range wider than a double",
            CRITICAL + "outputs = [\"critical-points(x, -1e308, 1e308, 11)\"]\n" + OUT,
            "'critical-points(x, -1e308, 1e308, 11)': the range from -1.0E308 to 1.0E308 is wider"),
        bad(
            "critical-points with one point",
            CRITICAL + "outputs = [\"critical-points(x, -1, 1, 1)\"]\n" + OUT,
            "the inner grid needs at least 2 points"),
        bad(
            "critical-points over the inner-points limit",
            CRITICAL + "outputs = [\"critical-points(x, -1, 1, 2000001)\"]\n" + OUT,
            "2000001 inner points is more than 1000000 (limits.max-inner-points"),
        bad(
            "critical-points of an axis",
            FUNCTION + AXIS + FIXED + "outputs = [\"critical-points(x, -1, 1, 11)\"]\n" + OUT,
            "scans 'x' over its own inner grid, but inputs.x is an axis of the sweep"),
        bad(
            "critical-points with three arguments",
            CRITICAL + "outputs = [\"critical-points(x, -1, 1)\"]\n" + OUT,
            "critical-points takes 4 arguments"),
        bad(
            "critical-points with a word for a number",
            CRITICAL + "outputs = [\"critical-points(x, -1, ten, 11)\"]\n" + OUT,
            "to must be a finite number, got 'ten'"),
        bad(
            "missing input",
            FUNCTION + AXIS + "inputs.alpha = [1, 2]\noutputs = [f]\n" + OUT,
            "inputs.beta: missing"),
        bad("missing inputs", FUNCTION + "outputs = [f]\n" + OUT, "inputs: missing"),
        bad(
            "vector of the wrong length",
            FUNCTION
                + AXIS
                + "inputs.alpha = [1, 2, 3]\ninputs.beta = [3, 4]\noutputs = [f]\n"
                + OUT,
            "inputs.alpha",
            "vector of 2",
            "got 3"),
        bad(
            "points <= 0",
            FUNCTION + "inputs.x { from = 0, to = 1, points = 0 }\n" + GOOD_TAIL,
            "inputs.x.points",
            "positive"),
        bad(
            "from > to",
            FUNCTION + "inputs.x { from = 2, to = 1, points = 3 }\n" + GOOD_TAIL,
            "inputs.x",
            "greater than"),
        bad(
            "NaN bound",
            FUNCTION + "inputs.x { from = NaN, to = 1, points = 3 }\n" + GOOD_TAIL,
            "inputs.x.from",
            "finite"),
        bad(
            "infinite bound",
            FUNCTION + "inputs.x { from = 0, to = -Infinity, points = 3 }\n" + GOOD_TAIL,
            "inputs.x.to",
            "finite"),
        bad(
            "list with duplicates",
            FUNCTION + "inputs.x { values = [1, 2, 1] }\n" + GOOD_TAIL,
            "inputs.x.values",
            "more than once"),
        bad(
            "row count overflows a long",
            FUNCTION
                + "inputs { x { from = 0, to = 1, points = 4e9 },"
                + " \"alpha[0]\" { from = 0, to = 1, points = 4e9 },"
                + " \"beta[0]\" { from = 0, to = 1, points = 4e9 } }\n"
                + GOOD_TAIL,
            "more rows than fit"),
        bad(
            "estimated output over output.max-bytes",
            FUNCTION
                + "inputs.x { from = 0, to = 1, points = 1e6 }\n"
                + GOOD_TAIL
                + "output.max-bytes = 10m\n",
            "output.max-bytes",
            "about 15.3 MiB",
            "1000000 rows x 2 doubles",
            "limit of 10.0 MiB"),
        bad(
            "estimated output over the default limit",
            FUNCTION + "inputs.x { from = 0, to = 1, points = 1e12 }\n" + GOOD_TAIL,
            "about 14.6 TiB",
            "limit of 100.0 GiB (the default)"),
        bad(
            "Hessian of a non-existent input",
            FUNCTION + AXIS + FIXED + "outputs = [f, \"hessian(alpha, gamma)\"]\n" + OUT,
            "outputs[1]",
            "gamma"),
        bad(
            "unwritable output directory",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"${FILE}/out\"\n",
            "output.dir: cannot create",
            "is a file, not a directory"),
        bad("unknown master URL", "MASTER foo://x", "--master 'foo://x'", "not a master URL"),
        bad(
            "bad expression",
            "function = \"sni(x) + 1\"\ninputs.x { from = 0, to = 1, points = 3 }\noutputs = [f]\n"
                + OUT,
            "unknown function 'sni'",
            "did you mean 'sin'"),
        bad(
            "overwrite /",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput { dir = \"/\", mode = overwrite }\n",
            "output.dir: / is the file system root",
            "nothing was deleted"),
        bad(
            "overwrite the home directory",
            FUNCTION
                + AXIS
                + FIXED
                + "outputs = [f]\noutput { dir = \""
                + home
                + "\", mode = overwrite }\n",
            "your home directory",
            "nothing was deleted"),
        bad(
            "overwrite the working directory",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput { dir = \".\", mode = overwrite }\n",
            "the working directory",
            "nothing was deleted"),
        bad(
            "overwrite a stranger's directory",
            FUNCTION
                + AXIS
                + FIXED
                + "outputs = [f]\noutput { dir = \"${DIR}/stranger\", mode = overwrite }\n",
            "gradgrid did not write it",
            "nothing was deleted"),
        bad(
            "existing directory in the default mode",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"${DIR}/stranger\"\n",
            "already exists",
            "output.mode = overwrite"),
        bad(
            "a host in a file URI",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"file://localhost/tmp/x\"\n",
            "names the host 'localhost'",
            "three slashes"),
        bad(
            "file://tmp/... (two slashes)",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"file://tmp/x\"\n",
            "names the host 'tmp'"),
        bad(
            "file:// alone",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"file://\"\n",
            "names no path"),
        bad(
            "a glob character",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"${DIR}/what?\"\n",
            "contains '?'",
            "glob"),
        bad(
            "a star",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"${DIR}/a*b\"\n",
            "contains '*'"),
        bad(
            "a colon",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"${DIR}/a:b\"\n",
            "contains ':'"),
        bad(
            "a tilde",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"~/out\"\n",
            "starts with ~",
            "HOME"),
        bad(
            "an upper-case FILE scheme gets the local checks",
            FUNCTION + AXIS + FIXED + "outputs = [f]\noutput.dir = \"FILE://${DIR}/stranger\"\n",
            "already exists"),
        bad(
            "resume over a stranger's directory",
            FUNCTION
                + AXIS
                + FIXED
                + "outputs = [f]\noutput { dir = \"${DIR}/stranger\", mode = resume }\n",
            "not a finished output of this conf"),
        bad(
            "unknown sampling, did you mean",
            FUNCTION + "inputs.x { sample = sobel, points = 10, from = 0, to = 1 }\n" + GOOD_TAIL,
            "s.conf:2: inputs.x.sample: unknown sampling 'sobel' (sobol or uniform)",
            "did you mean 'sobol'"),
        bad(
            "sampled inputs that disagree on points",
            FUNCTION
                + "inputs.x = 0.5\n"
                + "inputs.alpha { sample = sobol, points = 10, from = 0, to = 1 }\n"
                + "inputs.beta { sample = sobol, points = 20, from = 0, to = 1 }\n"
                + "outputs = [f]\n"
                + OUT,
            "every sampled input shares one sample index",
            "points = 10",
            "points = 20"));
  }

  /**
   * The checks {@code submit.sh} makes of Spark's options before any JVM starts, for each way
   * spark-submit lets them be written ({@code --option value}, {@code --option=value}, {@code -c
   * k=v}).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badSparkOptions")
  void submitShRefusesBadSparkOptionsBeforeAnyJvmStarts(String options, String expected)
      throws Exception {
    Path root = Path.of(System.getProperty("gradgrid.project.root", "..")).toRealPath();
    Path conf = Files.writeString(dir.resolve("s.conf"), FUNCTION + AXIS + GOOD_TAIL);
    List<String> cmd = new ArrayList<>(List.of(root.resolve("submit.sh").toString()));
    cmd.addAll(List.of(options.split(" ")));
    cmd.add(conf.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GRADGRID_SKIP_BUILD", "1");
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.waitFor(), text);
    assertTrue(text.startsWith("error: " + expected), text);
  }

  static Stream<Arguments> badSparkOptions() {
    String master = "--master 'foo://x' is not a master URL";
    String cluster = "--deploy-mode cluster runs the driver on a cluster";
    return Stream.of(
        Arguments.of("--master foo://x", master),
        Arguments.of("--master=foo://x", master),
        Arguments.of("--deploy-mode cluster --master local[2]", cluster),
        Arguments.of("--deploy-mode=cluster --master=local[2]", cluster),
        Arguments.of("--conf=spark.submit.deployMode=cluster --master local", cluster),
        Arguments.of("-c spark.submit.deployMode=cluster --master local", cluster),
        Arguments.of("--properties-file=/nonexistent/x.conf", "--properties-file '/nonexistent"));
  }

  private static Arguments bad(String name, String conf, String... expected) {
    return Arguments.of(name, conf, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitsTwoWithAClearMessageAndWritesNothing(String name, String conf, List<String> expected)
      throws Exception {
    Path out = dir.resolve("out");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path stranger = Files.createDirectories(dir.resolve("stranger"));
    Files.writeString(stranger.resolve("notes.txt"), "keep me");
    String master = null;
    if (conf != null && conf.startsWith("MASTER ")) {
      master = conf.substring("MASTER ".length());
      conf = FUNCTION + AXIS + GOOD_TAIL;
    }
    Path confFile = dir.resolve("s.conf");
    if (conf != null) {
      Files.writeString(
          confFile,
          conf.replace("${OUT}", out.toString())
              .replace("${FILE}", file.toString())
              .replace("${DIR}", dir.toString()));
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    if (master != null) {
      System.setProperty("spark.master", master);
    }
    try {
      code =
          SweepMain.run(
                  new String[] {confFile.toString()},
                  new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8))
              .code();
    } finally {
      if (master != null) {
        System.clearProperty("spark.master");
      }
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCode.BAD_INPUT.code(), code, text);
    assertTrue(text.startsWith("error: "), text);
    for (String e : expected) {
      assertTrue(text.contains(e), "expected '" + e + "' in:\n" + text);
    }
    assertFalse(text.contains("\tat ") || text.contains("Exception"), "a stack trace:\n" + text);
    // One paragraph (an expression error adds its line and a caret), then the Usage line.
    assertFalse(text.strip().contains("\n\n"), text);
    assertTrue(text.strip().endsWith("(see README.md)"), text);
    assertFalse(Files.exists(out), "nothing written");
    assertEquals("keep me", Files.readString(stranger.resolve("notes.txt")));
    try (Stream<Path> s = Files.list(stranger)) {
      assertEquals(1, s.count(), "the stranger's directory is untouched");
    }
  }
}
