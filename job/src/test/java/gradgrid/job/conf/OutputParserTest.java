package gradgrid.job.conf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    List<OutputSpec> all = parseAll(s);
    assertEquals(1, all.size(), s);
    return all.get(0);
  }

  private List<OutputSpec> parseAll(String s) {
    return OutputParser.parse(s, params, "outputs[0]", Limits.DEFAULTS);
  }

  private String message(String s) {
    return assertThrows(ConfException.class, () -> parseAll(s)).getMessage();
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
    assertThrows(ConfException.class, () -> parse("grad(alpha, alpha)"));
    assertThrows(ConfException.class, () -> parse("grad()"));
    assertThrows(ConfException.class, () -> parse("hessian()"));
    assertThrows(ConfException.class, () -> parse("eigenvalues(grad(alpha))"));
    assertThrows(ConfException.class, () -> parse("eigenvalues(hessian(alpha, alpha))"));
    assertThrows(ConfException.class, () -> parse("g"));
  }

  @Test
  void gradOfSeveralInputsIsOneVectorInListedOrder() {
    OutputSpec g = parse("grad(alpha, beta)");
    assertEquals(new OutputSpec.Grad(List.of("alpha", "beta")), g);
    assertEquals("grad_alpha_beta", g.column());
    assertArrayEquals(new int[] {10}, g.dims(params));
    assertArrayEquals(new int[] {7}, parse("grad(x,alpha)").dims(params));
    assertEquals(
        "outputs[0]: 'grad(alpha, alpha)': grad takes one or more inputs, each once, like"
            + " grad(alpha) or grad(alpha, beta)",
        message("grad(alpha, alpha)"));
  }

  @Test
  void taylorIsTheValueAndEachOrderAsItsOwnColumn() {
    assertEquals(
        List.of(
            new OutputSpec.Value(),
            new OutputSpec.Derivative("x", 1),
            new OutputSpec.Derivative("x", 2),
            new OutputSpec.Derivative("x", 3)),
        parseAll("taylor( x , 3 )"));
    assertEquals(13, parseAll("taylor(x, 12)").size());
  }

  @Test
  void taylorRefusals() {
    assertEquals(
        "outputs[0]: 'taylor(alpha, 2)': 'alpha' is a vector of 6; taylor expands in a scalar input"
            + " (use grad(alpha) or hessian(alpha))",
        message("taylor(alpha, 2)"));
    assertEquals(
        "outputs[0]: 'taylor(x)': taylor takes 2 arguments: a scalar input and the highest order,"
            + " like taylor(x, 4)",
        message("taylor(x)"));
    assertEquals(
        "outputs[0]: 'taylor(x, 2.5)': the order must be a whole number, got '2.5'",
        message("taylor(x, 2.5)"));
    assertEquals(
        "outputs[0]: 'taylor(x, 0)': the order must be >= 1 (f is just f)",
        message("taylor(x, 0)"));
    assertTrue(message("taylor(x, 99999999999999999999)").contains("over the limit of"));
    assertTrue(message("taylor(y, 2)").contains("names input 'y', which the function does not"));
  }
}
