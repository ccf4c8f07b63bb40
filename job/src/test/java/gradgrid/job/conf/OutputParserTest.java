package gradgrid.job.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gradgrid.ad.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputParserTest {
  private final Map<String, Param> params = new LinkedHashMap<>();

  OutputParserTest() {
    params.put("x", Param.scalar("x"));
    params.put("alpha", Param.vector("alpha", 6));
    params.put("beta", Param.vector("beta", 4));
  }

  private OutputSpec parse(String s) {
    return OutputParser.parse(s, params, "outputs[0]", Limits.DEFAULTS);
  }

  @Test
  void formsAndColumnNames() {
    assertEquals(new OutputSpec.Value(), parse("f"));
    assertEquals(new OutputSpec.Derivative("x", 1), parse("f'"));
    assertEquals(new OutputSpec.Derivative("x", 3), parse("f'''"));
    assertEquals(new OutputSpec.Derivative("x", 1), parse("df/dx"));
    assertEquals(new OutputSpec.Derivative("x", 12), parse("d12f/dx12"));
    assertEquals("d2f_dx2", parse("d2f/dx2").column());
    assertEquals("df_dx", parse("f'").column());
    assertEquals("grad_alpha", parse("grad( alpha )").column());
    assertEquals(new OutputSpec.Hessian("alpha", "alpha"), parse("hessian(alpha)"));
    assertEquals("hessian_alpha_beta", parse("hessian(alpha, beta)").column());
    assertEquals(
        new OutputSpec.Eigenvalues(List.of("alpha", "beta")),
        parse("eigenvalues(hessian(alpha, beta))"));
    assertEquals(
        "eigenvalues_hessian_alpha_beta", parse("eigenvalues(hessian(alpha,beta))").column());
  }

  @Test
  void shapes() {
    assertEquals(0, parse("grad(x)").dims(params).length);
    assertEquals(6, parse("grad(alpha)").size(params));
    assertEquals(24, parse("hessian(alpha, beta)").size(params));
    assertEquals(1, parse("hessian(x, beta)").dims(params).length);
    assertEquals(11, parse("eigenvalues(hessian(x, alpha, beta))").size(params));
  }

  @Test
  void rejects() {
    assertThrows(ConfException.class, () -> parse("d2f/dx"));
    assertThrows(ConfException.class, () -> parse("d0f/dx0"));
    assertThrows(ConfException.class, () -> parse("grad(alpha, beta)"));
    assertThrows(ConfException.class, () -> parse("hessian()"));
    assertThrows(ConfException.class, () -> parse("eigenvalues(grad(alpha))"));
    assertThrows(ConfException.class, () -> parse("eigenvalues(hessian(alpha, alpha))"));
    assertThrows(ConfException.class, () -> parse("g"));
  }
}
