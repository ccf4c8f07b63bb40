package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.compile.KernelTooLargeException;
import gradgrid.ad.examples.Rational;
import gradgrid.job.cli.ExitCode;
import gradgrid.job.cli.SweepMain;
import gradgrid.job.conf.Limits;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.KernelTooLargeFailure;
import gradgrid.job.run.SweepTask;
import gradgrid.job.run.TaskOutOfMemory;
import gradgrid.job.testing.FaultyFactory;
import gradgrid.job.testing.SmallSweeps;
import gradgrid.job.testing.SparkTestSession;
import gradgrid.job.write.SweepToParquet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs too large to run, and the limits that refuse them, each through {@link SweepMain#run}:
 * exit code 2 before Spark starts, one error paragraph naming the key (and the key that raises a
 * limit), no stack trace, nothing written. {@code ${OUT}} in a conf is the output directory.
 */
class LimitsTest {
  private static final String FUNCTION = "function { builtin = rational, deg-p = 1, deg-q = 1 }\n";
  private static final String FIXED = "inputs.alpha = [1, 2]\ninputs.beta = [3, 4]\n";
  private static final String AXIS = "inputs.x { from = -1, to = 1, points = 5 }\n";
  private static final String OUT = "output.dir = \"${OUT}\"\n";

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        bad(
            "derivative order that overflows an int",
            FUNCTION + AXIS + FIXED + "outputs = [\"d99999999999f/dx99999999999\"]\n" + OUT,
            "outputs[0]",
            "99999999999"),
        bad(
            "vector parameter length that overflows an int",
            "function { expression = \"x[0]\", params = [\"x[99999999999]\"] }\n"
                + "inputs.x = [1]\noutputs = [f]\n"
                + OUT,
            "function.params",
            "'x[99999999999]'",
            "at most 2147483639 elements"),
        bad(
            "vector parameter of length 0",
            "function { expression = \"x[0]\", params = [\"x[0]\"] }\n"
                + "inputs.x = [1]\noutputs = [f]\n"
                + OUT,
            "function.params: 'x[0]' needs a length of at least 1"),
        bad(
            "a parameter that is not a name",
            "function { expression = \"x\", params = [\"2x\"] }\n"
                + "inputs.x = 1\noutputs = [f]\n"
                + OUT,
            "function.params: '2x' is not a parameter; write a name (a scalar) or name[n]"),
        bad(
            "two axes whose names differ only in case",
            "function = \"x + X\"\ninputs {\n  x { from = 0, to = 1, points = 3 }\n"
                + "  X { from = 0, to = 1, points = 3 }\n}\noutputs = [f]\n"
                + OUT,
            "inputs: column 'X' would be written twice",
            "axis x",
            "case-insensitively"),
        bad(
            "an input named like an output but for case",
            "function = \"x + F\"\ninputs {\n  x { from = 0, to = 1, points = 3 }\n"
                + "  F { from = 0, to = 1, points = 3 }\n}\noutputs = [f]\n"
                + OUT,
            "outputs: column 'f' would be written twice",
            "axis F",
            "case-insensitively"),
        bad(
            "two outputs whose columns differ only in case",
            "function = \"x * X\"\ninputs {\n  x { from = 0, to = 1, points = 3 }\n  X = 2\n}\n"
                + "outputs = [\"df/dx\", \"df/dX\"]\n"
                + OUT,
            "column 'df_dX' would be written twice",
            "case-insensitively"),
        bad(
            "derivative order over the default limit",
            FUNCTION + AXIS + FIXED + "outputs = [\"d1000000f/dx1000000\"]\n" + OUT,
            "outputs[0]",
            "derivative order 1000000 is over the limit of 32",
            "limits.max-derivative-order"),
        bad(
            "derivative order in primes over a lowered limit",
            FUNCTION
                + AXIS
                + FIXED
                + "limits.max-derivative-order = 2\noutputs = [f, \"f'''\"]\n"
                + OUT,
            "outputs[1]",
            "derivative order 3 is over the limit of 2",
            "limits.max-derivative-order"),
        bad(
            "more outputs than the default limit",
            FUNCTION + AXIS + FIXED + "outputs = [" + manyOutputs(10_001) + "]\n" + OUT,
            "outputs: 10001 outputs are over the limit of 10000",
            "limits.max-outputs"),
        bad(
            "Hessian of a 500-vector: more kernel columns than the default limit",
            "function = \"x * sum(v * v)\"\ninputs {\n  x { from = 0, to = 1, points = 3 }\n"
                + "  v = ["
                + "1, ".repeat(499)
                + "1]\n}\noutputs = [f, \"hessian(v)\"]\n"
                + OUT,
            "the kernel would compute 250001 scalar columns",
            "hessian_v_v, 250000",
            "over the limit of 20000",
            "limits.max-kernel-columns"),
        bad(
            "eigenvalues count their whole Hessian against the kernel columns",
            FUNCTION
                + AXIS
                + FIXED
                + "limits.max-kernel-columns = 15\n"
                + "outputs = [\"eigenvalues(hessian(alpha, beta))\"]\n"
                + OUT,
            "the kernel would compute 16 scalar columns",
            "limits.max-kernel-columns"),
        bad(
            "more equations than a lowered limit",
            FUNCTION + AXIS + FIXED + "limits.max-equations = 5\noutputs = [f, \"f''\"]\n" + OUT,
            "function: the sweep's function",
            "over the limit of 5",
            "limits.max-equations"),
        bad(
            "partitions over the default limit",
            FUNCTION
                + FIXED
                + "inputs.x { from = -1, to = 1, points = 1e9 }\npartitions = 1000000000\n"
                + "outputs = [f]\n"
                + OUT,
            "partitions: 1000000000 is over the limit of 1000000",
            "limits.max-partitions"),
        bad(
            "partitions over a raised limit",
            FUNCTION
                + FIXED
                + "inputs.x { from = -1, to = 1, points = 1e9 }\npartitions = 3000000\n"
                + "limits.max-partitions = 2000000\noutputs = [f]\n"
                + OUT,
            "partitions: 3000000 is over the limit of 2000000",
            "limits.max-partitions"),
        bad(
            "unknown key in limits",
            FUNCTION + AXIS + FIXED + "limits.max-partition = 5\noutputs = [f]\n" + OUT,
            "unknown key 'limits.max-partition'",
            "did you mean 'max-partitions'"),
        bad(
            "limits that is not an object",
            FUNCTION + AXIS + FIXED + "limits = 5\noutputs = [f]\n" + OUT,
            "limits: expected an object"),
        bad(
            "misspelt limits block, did you mean",
            FUNCTION + AXIS + FIXED + "limts.max-outputs = 5\noutputs = [f]\n" + OUT,
            "unknown key 'limts'",
            "did you mean 'limits'"),
        bad(
            "limit that is not a positive integer",
            FUNCTION + AXIS + FIXED + "limits.max-partitions = -5\noutputs = [f]\n" + OUT,
            "limits.max-partitions: expected a positive integer, got -5"));
  }

  /** {@code n} outputs: f and the derivatives of x up to order n - 1 (a limit far above 32). */
  private static String manyOutputs(int n) {
    StringBuilder sb = new StringBuilder("f");
    for (int k = 1; k < n; k++) {
      sb.append(", \"d").append(k).append("f/dx").append(k).append('"');
    }
    return sb.toString();
  }

  private static Arguments bad(String name, String conf, String... expected) {
    return Arguments.of(name, conf, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitsTwoWithOneParagraphAndWritesNothing(String name, String conf, List<String> expected)
      throws Exception {
    Path out = dir.resolve("out");
    Path confFile =
        Files.writeString(dir.resolve("s.conf"), conf.replace("${OUT}", out.toString()));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SweepMain.run(
                new String[] {confFile.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .code();
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCode.BAD_INPUT.code(), code, text);
    assertTrue(text.startsWith("error: "), text);
    for (String e : expected) {
      assertTrue(text.contains(e), "expected '" + e + "' in:\n" + text);
    }
    assertFalse(text.contains("\tat ") || text.contains("Exception"), "a stack trace:\n" + text);
    assertEquals(2, text.strip().lines().count(), "one paragraph, then the Usage line:\n" + text);
    assertTrue(text.strip().endsWith("(see README.md)"), text);
    assertFalse(Files.exists(out), "nothing written");
  }

  private SweepSpec parse(String conf) {
    return new SweepConfLoader(FunctionProviders.load(), dir)
        .parse(ConfigFactory.parseString(conf), "t");
  }

  @Test
  void raisedLimitsAcceptWhatTheDefaultsRefuse() {
    SweepSpec spec =
        parse(
            "function = \"x * sum(v * v)\"\ninputs {\n  x { from = 0, to = 1, points = 3 }\n"
                + "  v = ["
                + "1, ".repeat(499)
                + "1]\n}\noutputs = [\"d40f/dx40\", \"hessian(v)\"]\n"
                + "limits { max-derivative-order = 40, max-kernel-columns = 250001,"
                + " max-equations = 100000, max-partitions = 2000000 }\n");
    assertEquals(
        new Limits(
            40,
            Limits.DEFAULT_MAX_OUTPUTS,
            250001,
            100000,
            2000000,
            Limits.DEFAULT_MAX_INNER_POINTS),
        spec.limits());
    assertEquals(new OutputSpec.Derivative("x", 40), spec.outputs().get(0));
    assertEquals(Limits.DEFAULTS, parse(FUNCTION + AXIS + FIXED + "outputs = [f]\n").limits());
  }

  @Test
  void partitionsAreCappedAtTheRowCount() {
    SweepSpec spec = parse(FUNCTION + AXIS + FIXED + "outputs = [f]\npartitions = 1000000\n");
    assertEquals(5, spec.partitions());
  }

  private static KernelTooLargeException outOfMemory() {
    Fn f = AD.hessian(Rational.of(1, 1), 2);
    return KernelTooLargeException.of(f.graph(), new OutOfMemoryError("Java heap space"));
  }

  @Test
  void aKernelTooLargeForTheExecutorSaysWhatToRaiseOrSplit() {
    KernelTooLargeFailure e = new KernelTooLargeFailure(outOfMemory());
    // hessian(beta) of deg-q = 1: a 2 x 2 block
    assertTrue(e.getMessage().startsWith("the kernel is too large: 4 outputs ("), e.getMessage());
    assertTrue(e.getMessage().contains("the compiler ran out of memory"), e.getMessage());
    assertTrue(
        e.getMessage().contains("raise the executor memory (spark.executor.memory"),
        e.getMessage());
    assertTrue(e.getMessage().contains("split the outputs over several sweeps"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertNull(e.getCause(), "no cause: SweepMain prints the innermost cause's message");
  }

  /**
   * The innermost cause of a small sweep whose evaluators {@code fault} breaks: the walk {@code
   * SweepMain.rootMessage} makes for its "the sweep failed" line (exit 1).
   */
  private Throwable rootCauseOfFailedSweep(String outDir, FaultyFactory.Fault fault) {
    SweepSpec spec =
        SmallSweeps.spec(
            dir,
            SmallSweeps.SEED
                + "inputs.x { from = -1, to = 1, points = 11 }\noutputs = [f]\n"
                + "output.dir = "
                + outDir
                + "\npartitions = 2\n");
    EvaluatorFactory factory = new FaultyFactory(SmallSweeps.providers().evaluator(spec), fault);
    Exception e =
        assertThrows(
            Exception.class,
            () -> SweepToParquet.run(SparkTestSession.get(), spec, factory, System.out));
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  @Test
  void theSweepFailsWithTheKernelSizeSentenceAsItsRootCause() {
    Throwable root =
        rootCauseOfFailedSweep(
            "out/too-large",
            real -> {
              throw new KernelTooLargeFailure(outOfMemory());
            });
    assertInstanceOf(KernelTooLargeFailure.class, root, root.toString());
    assertTrue(
        root.getMessage().lines().findFirst().orElse("").startsWith("the kernel is too large: 4"),
        root.getMessage());
  }

  @Test
  void aTaskOutOfMemoryFailsTheSweepInsteadOfEndingTheJvm() {
    Throwable root =
        rootCauseOfFailedSweep(
            "out/oom",
            real ->
                (in, out, n) -> {
                  throw new OutOfMemoryError("Java heap space (deliberate)");
                });
    assertInstanceOf(TaskOutOfMemory.class, root, root.toString());
    assertTrue(root.getMessage().startsWith("a sweep task ran out of memory"), root.getMessage());
    // Spark would have ended this JVM (exit 52) for an OutOfMemoryError; the session lives on.
    assertEquals(3, SparkTestSession.get().range(3).count());
  }

  @Test
  void wideSweepsEvaluateFewerRowsPerBatch() {
    assertEquals(4096, SweepTask.batchRows(4096, 29), "the seed sweep keeps its batch size");
    // 40,000 columns x 8 bytes = 320,000 bytes a row; 64 MiB / 320,000 = 209 rows
    assertEquals(209, SweepTask.batchRows(4096, 40_000));
    assertEquals(1, SweepTask.batchRows(4096, Integer.MAX_VALUE), "never below one row");
  }

  @Test
  void theDerivedPartitionCountStaysUnderTheDefaultLimit() {
    // 1e15 rows at 2^21 rows a partition would be 476,837,159 partitions
    assertEquals(
        PartitionPlan.MAX_DEFAULT_COUNT, PartitionPlan.defaultCount(1_000_000_000_000_000L, 2));
  }
}
