package gradgrid.job.run;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import gradgrid.ad.Param;
import gradgrid.ad.testing.RationalClosedForm;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionProviderTest {
  private final FunctionProviders providers =
      FunctionProviders.of(new RationalProvider(), new ExpressionProvider());

  private SweepSpec parse(String text) {
    return new SweepConfLoader(providers, Path.of("")).parse(ConfigFactory.parseString(text), "t");
  }

  @Test
  void stringFormTakesParametersFromTheInputsInOrder() {
    SweepSpec s =
        parse(
            "function = \"poly(alpha, x) / (1 + poly(beta, x)^2)\"\n"
                + "inputs {\n  x { from = -1, to = 1, points = 3 }\n  alpha = [1, 2]\n"
                + "  beta = [3, 4, 5]\n}\noutputs = [f, \"f'\", \"grad(beta)\"]\n");
    assertEquals(
        List.of(Param.scalar("x"), Param.vector("alpha", 2), Param.vector("beta", 3)), s.params());
    // One row through the evaluator, against the closed forms.
    EvaluatorFactory f = providers.evaluator(s);
    // the evaluator reads the axis x alone: alpha and beta are bound into it
    double[][] in = {{0.7}};
    double[][] out = new double[f.outputWidth()][1];
    f.create().evaluate(in, out, 1);
    RationalClosedForm c = new RationalClosedForm(0.7, new double[] {1, 2}, new double[] {3, 4, 5});
    assertClose(c.f(), out[0][0], 1e-13, "f");
    assertClose(c.f1(), out[1][0], 1e-13, "f'");
    assertClose(c.dBeta(2), out[4][0], 1e-13, "df/dbeta_2");
  }

  @Test
  void theOrderWrittenHoldsAfterAMultiLineFunctionAndWithScalarsObjectsAndListsMixed() {
    SweepSpec s =
        parse(
            "function = \"\"\"\n  let u = a * x;\n  let v = sum(s0);\n  u + v + c\n\"\"\"\n"
                + "inputs {\n  a { from = 0, to = 1, points = 2 }\n  x { values = [1, 2] }\n"
                + "  c = 0.4\n  s0 = [10, 5]\n}\noutputs = [f]\ninputs.a.points = 3\n");
    assertEquals(
        List.of(Param.scalar("a"), Param.scalar("x"), Param.scalar("c"), Param.vector("s0", 2)),
        s.params());
  }

  @Test
  void objectFormListsParameters() {
    SweepSpec s =
        parse(
            "function { expression = \"a * sin(t)\", params = [t, a] }\n"
                + "inputs { a = 2, t { values = [0, 1] } }\noutputs = [\"d2f/dt2\"]\n");
    assertEquals("t", s.params().get(0).name());
  }

  @Test
  void languageErrorsBecomeConfErrorsWithTheCaret() {
    String m =
        assertThrows(
                ConfException.class,
                () ->
                    parse(
                        "function { expression = \"poly(alpah, x)\", params = [x, \"alpha[2]\"] }\n"
                            + "inputs { x = 1, alpha = [1, 2] }\noutputs = [f]\n"))
            .getMessage();
    assertTrue(m.contains("alpah") && m.contains("^") && m.contains("did you mean"), m);
    m =
        assertThrows(
                ConfException.class,
                () -> parse("function = \"x + y\"\ninputs { x = 1, y = 2 }\noutputs = [f]\n"))
            .getMessage();
    assertTrue(m.contains("share a line"), m);
    m =
        assertThrows(
                ConfException.class,
                () ->
                    parse(
                        "function { expression = \"alpha * 2\", params = [\"alpha[2]\"] }\n"
                            + "inputs { alpha = [1, 2] }\noutputs = [f]\n"))
            .getMessage();
    assertTrue(m.contains("scalar"), m);
    m =
        assertThrows(
                ConfException.class,
                () ->
                    parse(
                        "function { expression = \"f * 2\", params = [f] }\n"
                            + "inputs { f { values = [1, 2] } }\noutputs = [f]\n"))
            .getMessage();
    assertTrue(m.contains("column 'f' would be written twice"), m);
  }
}
