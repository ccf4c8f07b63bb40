package gradgrid.job.conf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import gradgrid.job.grid.Axis;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.run.RationalProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConfLoaderTest {
  private static final String FUNCTION = "function { builtin = rational, deg-p = 2, deg-q = 1 }\n";
  private static final String FIXED = "alpha = [1, 2, 3]\n beta = [4, 5]\n";

  @TempDir Path dir;

  private SweepSpec parse(String text) {
    return new SweepConfLoader(FunctionProviders.of(new RationalProvider()), dir)
        .parse(ConfigFactory.parseString(text), "t");
  }

  private String error(String text) {
    return assertThrows(ConfException.class, () -> parse(text)).getMessage();
  }

  private static String conf(String inputs, String outputs) {
    return FUNCTION + "inputs {\n" + inputs + "\n}\noutputs = [" + outputs + "]\n";
  }

  @Test
  void readsAnXSweep() {
    SweepSpec s =
        parse(
            conf("x { from = -10, to = 10, points = 21 }\n" + FIXED, "f, \"f'\", \"d2f/dx2\"")
                + "output { dir = \"out/a\", mode = overwrite }\npartitions = 3\nbatch-size = 64");
    assertEquals(21, s.grid().rows());
    assertEquals(List.of("x"), s.grid().axes().stream().map(Axis::column).toList());
    assertEquals(
        List.of("f", "df_dx", "d2f_dx2"), s.outputs().stream().map(OutputSpec::column).toList());
    assertArrayEquals(new double[] {1, 2, 3}, ((InputBinding.Fixed) s.inputs().get(1)).value());
    assertEquals(dir.resolve("out/a"), s.localOutput());
    assertEquals(WriteMode.OVERWRITE, s.mode());
    assertEquals(3, s.partitions());
    assertEquals(64, s.batchSize());
  }

  @Test
  void elementAxesAndDefaults() {
    SweepSpec s =
        parse(
            conf(
                "x = 0.5\n"
                    + FIXED
                    + "\"beta[1]\" { values = [3, 1, 2] }\n"
                    + "\"alpha[0]\" { from = 0, to = 1, points = 5 }",
                "\"grad(alpha)\", \"hessian(alpha, beta)\", \"eigenvalues(hessian(alpha,beta))\""));
    // Axes in parameter order, then element order, whatever the order in the file.
    assertEquals(List.of("alpha_0", "beta_1"), s.grid().axes().stream().map(Axis::column).toList());
    assertEquals(15, s.grid().rows());
    InputBinding.ElementAxes beta = (InputBinding.ElementAxes) s.inputs().get(2);
    assertEquals(List.of(s.grid().axes().get(1)), beta.axes());
    assertEquals(4.0, beta.values()[0]);
    assertTrue(s.inputs().get(0) instanceof InputBinding.Fixed);
    assertEquals(dir.resolve("out/t"), s.localOutput());
    assertEquals(WriteMode.ERROR, s.mode());
    assertEquals(0, s.partitions());
    assertEquals(SweepConfLoader.DEFAULT_BATCH_SIZE, s.batchSize());
    assertArrayEquals(new int[] {3, 2}, s.outputs().get(1).dims(s.paramsByName()));
    assertArrayEquals(new int[] {5}, s.outputs().get(2).dims(s.paramsByName()));
  }

  @Test
  void remoteOutputsPassThrough() {
    SweepSpec s = parse(conf("x = 1\n" + FIXED, "f") + "output.dir = \"hdfs://nn:8020/sweeps/a\"");
    assertEquals("hdfs://nn:8020/sweeps/a", s.output());
    assertNull(s.localOutput());
  }

  @Test
  void unknownKeysSuggestTheNearestOne() {
    String m = error(conf("x = 1\n" + FIXED, "f") + "ouputs = [f]");
    assertTrue(m.contains("unknown key 'ouputs'") && m.contains("did you mean 'outputs'"), m);
    m = error(conf("x = 1\n" + FIXED, "f") + "output { dri = a }");
    assertTrue(m.contains("'output.dri'") && m.contains("'dir'"), m);
    m = error(conf("x { from = 0, to = 1, pionts = 3 }\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x.pionts") && m.contains("'points'"), m);
    m = error(conf("x = 1\n alpah = [1, 2, 3]\n beta = [4, 5]", "f"));
    assertTrue(m.contains("inputs.alpah") && m.contains("did you mean 'alpha'"), m);
  }

  @Test
  void badAxesNameTheKey() {
    String m = error(conf("x { from = 0, to = 1, points = 0 }\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x.points") && m.contains("positive"), m);
    m = error(conf("x { from = 0, to = 1, points = 2.5 }\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x.points"), m);
    m = error(conf("x { from = 2, to = 1, points = 3 }\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x") && m.contains("greater than"), m);
    m = error(conf("x { from = NaN, to = 1, points = 3 }\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x.from") && m.contains("finite"), m);
    m = error(conf("x { from = 0, to = Infinity, points = 3 }\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x.to") && m.contains("finite"), m);
    m = error(conf("x { values = [1, 2, 1] }\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x.values") && m.contains("more than once"), m);
    m = error(conf("x { values = [] }\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x.values") && m.contains("empty"), m);
    m = error(conf("x = [1, 2]\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x") && m.contains("values = [...]"), m);
    m = error(conf("x = abc\n" + FIXED, "f"));
    assertTrue(m.contains("inputs.x") && m.contains("not a number"), m);
    m = error(conf("x = 1\n" + FIXED + "\"alpha[3]\" { from = 0, to = 1, points = 2 }", "f"));
    assertTrue(m.contains("alpha[3]") && m.contains("alpha[0]..alpha[2]"), m);
  }

  @Test
  void rowCountOverflowIsRefused() {
    String m =
        error(
            conf(
                "x { from = 0, to = 1, points = 4e9 }\n"
                    + FIXED
                    + "\"alpha[0]\" { from = 0, to = 1, points = 4e9 }\n"
                    + "\"beta[0]\" { from = 0, to = 1, points = 4e9 }",
                "f"));
    assertTrue(m.contains("more rows than fit"), m);
  }

  @Test
  void inputsMustMatchTheFunction() {
    String m = error(conf("x = 1\n alpha = [1, 2]\n beta = [4, 5]", "f"));
    assertTrue(m.contains("inputs.alpha") && m.contains("vector of 3") && m.contains("got 2"), m);
    m = error(conf("x = 1\n alpha = [1, 2, 3]", "f"));
    assertTrue(m.contains("inputs.beta: missing"), m);
    m = error(conf("x = 1\n" + FIXED + " alpha { from = 0, to = 1, points = 2 }", "f"));
    assertTrue(m.contains("inputs.alpha"), m);
    m = error("inputs { x = 1 }\noutputs = [f]");
    assertTrue(m.contains("function: missing"), m);
    m = error("function { builtin = rationl }\ninputs { x = 1 }\noutputs = [f]");
    assertTrue(m.contains("rationl") && m.contains("did you mean 'rational'"), m);
    m = error("function { builtin = rational, deg-r = 2 }\ninputs { x = 1 }\noutputs = [f]");
    assertTrue(m.contains("function.deg-r"), m);
  }

  @Test
  void badOutputsNameTheEntry() {
    String m = error(conf("x = 1\n" + FIXED, "f, \"hessian(alpha, gamma)\""));
    assertTrue(m.contains("outputs[1]") && m.contains("gamma"), m);
    m = error(conf("x = 1\n" + FIXED, "\"f'\", \"df/dx\""));
    assertTrue(m.contains("outputs[1]") && m.contains("repeats"), m);
    m = error(conf("x = 1\n" + FIXED, "\"df/dalpha\""));
    assertTrue(m.contains("grad(alpha)"), m);
    m = error(conf("x = 1\n" + FIXED, "\"lap(f)\""));
    assertTrue(m.contains("cannot read output") && m.contains("accepted forms"), m);
    m = error(conf("x = 1\n" + FIXED, ""));
    assertTrue(m.contains("outputs") && m.contains("empty"), m);
  }

  @Test
  void writeModeAndSizesAreChecked() {
    String base = conf("x = 1\n" + FIXED, "f");
    String m = error(base + "output.mode = append");
    assertTrue(m.contains("output.mode") && m.contains("overwrite"), m);
    m = error(base + "partitions = -1");
    assertTrue(m.contains("partitions"), m);
    m = error(base + "batch-size = 0");
    assertTrue(m.contains("batch-size"), m);
    assertEquals(0, parse(base + "partitions = auto").partitions());
  }

  @Test
  void loadsFilesAndReportsLines() throws Exception {
    Path f = dir.resolve("s.conf");
    Files.writeString(f, conf("x = 1\n" + FIXED, "f") + "\nbatchsize = 3\n");
    String m =
        assertThrows(
                ConfException.class,
                () ->
                    new SweepConfLoader(FunctionProviders.of(new RationalProvider()), dir).load(f))
            .getMessage();
    assertTrue(m.contains("s.conf:10") && m.contains("did you mean 'batch-size'"), m);
    Files.writeString(f, "function { builtin = rational \n inputs = [");
    m =
        assertThrows(
                ConfException.class,
                () ->
                    new SweepConfLoader(FunctionProviders.of(new RationalProvider()), dir).load(f))
            .getMessage();
    assertTrue(m.contains("s.conf") && m.contains("2"), m);
    m =
        assertThrows(
                ConfException.class,
                () ->
                    new SweepConfLoader(FunctionProviders.of(new RationalProvider()), dir)
                        .load(dir.resolve("missing.conf")))
            .getMessage();
    assertTrue(m.contains("not found"), m);
  }

  @Test
  void theShippedConfsLoad() {
    Path root = Path.of(System.getProperty("gradgrid.project.root", ".."));
    SweepConfLoader loader =
        new SweepConfLoader(FunctionProviders.of(new RationalProvider()), root);
    assertEquals(20001, loader.load(root.resolve("conf/seed.conf")).grid().rows());
    assertEquals(250_000, loader.load(root.resolve("conf/seed-coefficients.conf")).grid().rows());
    assertEquals(100_000_000, loader.load(root.resolve("conf/large.conf")).grid().rows());
  }

  /** The main conf of the include tests: includes other.conf by absolute path, then the rest. */
  private Path includingConf(String rest) throws Exception {
    Path main = dir.resolve("main.conf");
    Files.writeString(
        main, "include required(file(\"" + dir.resolve("other.conf") + "\"))\n" + rest);
    return main;
  }

  private String loadError(Path f) {
    return assertThrows(
            ConfException.class,
            () -> new SweepConfLoader(FunctionProviders.of(new RationalProvider()), dir).load(f))
        .getMessage();
  }

  @Test
  void aMissingRequiredIncludeNamesTheConfAndTheInclude() throws Exception {
    Path main = includingConf(conf("x = 1\n" + FIXED, "f"));
    String m = loadError(main);
    assertTrue(m.startsWith("cannot read conf " + main + ": its include of "), m);
    assertTrue(m.contains(dir.resolve("other.conf") + " failed: the file is missing"), m);
    assertFalse(m.contains("\n") || m.contains("Exception"), m);
  }

  @Test
  void aBadIncludedFileIsReportedWithoutItsText() throws Exception {
    Path main = includingConf(conf("x = 1\n" + FIXED, "f"));
    Path other = dir.resolve("other.conf");
    List<String> bad =
        List.of(
            "s3cret-token-value\n",
            "api-key = \"s3cret\"\nfoo = [1, 2\n",
            "api-key = s3cret ]\n",
            "api-key = ${s3cret}\n");
    for (String text : bad) {
      Files.writeString(other, text);
      String m = loadError(main);
      assertTrue(m.startsWith("cannot read conf " + main + ": its include of " + other), m);
      assertTrue(m.matches(".* at line [1-3][ ;,)].*"), m);
      assertFalse(m.contains("s3cret") || m.contains("api-key") || m.contains("\n"), m);
    }
  }

  @Test
  void anIncludedFileThatIsNoSweepConfIsRefusedWithoutNamingItsKey() throws Exception {
    Path main = includingConf(conf("x = 1\n" + FIXED, "f"));
    Files.writeString(dir.resolve("other.conf"), "api-key = \"s3cret\"\n");
    String m = loadError(main);
    assertTrue(m.startsWith("conf " + main + " includes " + dir.resolve("other.conf")), m);
    assertTrue(m.contains("not a sweep setting at line 1"), m);
    assertFalse(m.contains("s3cret") || m.contains("api-key"), m);
  }

  @Test
  void aGoodIncludeStillLoadsAndErrorsInTheConfItselfKeepTheirDetail() throws Exception {
    Files.writeString(dir.resolve("other.conf"), "batch-size = 7\n");
    Path main = includingConf(conf("x = 1\n" + FIXED, "f"));
    SweepConfLoader loader = new SweepConfLoader(FunctionProviders.of(new RationalProvider()), dir);
    assertEquals(7, loader.load(main).batchSize());
    includingConf(conf("x = 1\n" + FIXED, "f") + "batchsize = 3\n");
    assertTrue(loadError(main).contains("unknown key 'batchsize'; did you mean 'batch-size'"));
  }
}
