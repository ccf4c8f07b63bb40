package gradgrid.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import org.junit.jupiter.api.Test;

/** {@link Param#parse}: the conf's parameter form, and each refusal's message. */
class ParamParseTest {
  @Test
  void aNameIsAScalarAndANameWithALengthAVector() {
    assertEquals(new Param("x", Shape.SCALAR), Param.parse("x"));
    assertEquals(new Param("alpha", Shape.vector(6)), Param.parse("alpha[6]"));
    assertEquals(new Param("_b2", Shape.vector(12)), Param.parse("  _b2[012] "));
    assertEquals(
        Param.MAX_PARSED_LENGTH, Param.parse("v[" + Param.MAX_PARSED_LENGTH + "]").shape().size());
  }

  @Test
  void anythingElseIsRefusedNamingTheText() {
    for (String bad : new String[] {"", "2x", "a[b]", "a[-1]", "a[1", "a b", "a[1][2]", "é"}) {
      AdException e = assertThrows(AdException.class, () -> Param.parse(bad), bad);
      assertEquals(
          "'" + bad + "' is not a parameter; write a name (a scalar) or name[n] (a vector of n)",
          e.getMessage());
    }
    assertEquals(
        "'a[0]' needs a length of at least 1",
        assertThrows(AdException.class, () -> Param.parse("a[0]")).getMessage());
    assertEquals(
        "'x[99999999999]': a vector may have at most 2147483639 elements, got 99999999999",
        assertThrows(AdException.class, () -> Param.parse("x[99999999999]")).getMessage());
    assertEquals(
        "'x[2147483640]': a vector may have at most 2147483639 elements, got 2147483640",
        assertThrows(AdException.class, () -> Param.parse("x[2147483640]")).getMessage());
  }
}
