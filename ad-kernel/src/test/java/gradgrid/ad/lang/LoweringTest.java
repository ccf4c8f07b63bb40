package gradgrid.ad.lang;

import static gradgrid.ad.lang.LangFixtures.assertError;
import static gradgrid.ad.lang.LangFixtures.caretLines;
import static gradgrid.ad.lang.LangFixtures.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, argument counts, shapes and indices: each mistake with its message and caret. */
class LoweringTest {
  @Test
  void unknownNamesSuggestTheClosestInputOrFunction() {
    LangException e =
        assertError(
            "let p = x;\npoly(alpah, x)", 2, 6, "unknown name 'alpah'; did you mean 'alpha'?");
    assertEquals(
        "function 'g', line 2, column 6: unknown name 'alpah'; did you mean 'alpha'?\n"
            + "  poly(alpah, x)\n"
            + "       ^",
        e.getMessage());
  }

  /** The worked example's inputs, so the suggestions have real names to choose from. */
  private static LangException assertError(String text, int line, int col, String reason) {
    LangException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            LangException.class,
            () ->
                Lang.parse(
                    "g",
                    text,
                    List.of(Param.scalar("x"), Param.vector("alpha", 6), Param.vector("beta", 6))));
    assertEquals(reason, e.reason(), text);
    assertEquals(line, e.line(), text);
    assertEquals(col, e.column(), text);
    return e;
  }

  @Test
  void nameErrors() {
    assertError("Alpha[0]", 1, 1, "unknown name 'Alpha'; did you mean 'alpha'?");
    assertError("bta[0]", 1, 1, "unknown name 'bta'; did you mean 'beta'?");
    assertError("z + 1", 1, 1, "unknown name 'z'; the inputs are x:f64, alpha:f64[6], beta:f64[6]");
    assertError("let tmp = x; tpm", 1, 14, "unknown name 'tpm'; did you mean 'tmp'?");
    assertError("cso", 1, 1, "unknown name 'cso'; did you mean 'cos'?");
    assertError("sni(x)", 1, 1, "unknown function 'sni'; did you mean 'sin'?");
    assertError(
        "foo(x)",
        1,
        1,
        "unknown function 'foo'; the functions are exp, log, sin, cos, tan, tanh, sqrt, abs,"
            + " expm1, log1p, log2, log10, cbrt, asin, acos, atan, sinh, cosh, asinh, acosh,"
            + " atanh, erf, erfc, sigmoid, softplus, floor, ceil, round, sign, stopGradient,"
            + " atan2, hypot, clip, pow, min, max, where, select, poly, dot, sum, index, fori");
    assertError("exp + 1", 1, 1, "'exp' is a function; call it as exp(x)");
    assertError(
        "alpha(3)", 1, 1, "'alpha' is an input, not a function; take an element with alpha[i]");
    assertError("x(1 + x)", 1, 1, "'x' is an input, not a function; write x * (...) for a product");
    assertError(
        "let q = 2; q(x)",
        1,
        12,
        "'q' is a binding, not a function; write q * (...) for a product");
    assertError(
        "let p = q; let q = x; p",
        1,
        9,
        "'q' is used before its definition at line 1," + " column 16");
  }

  @Test
  void bindingErrors() {
    assertError("let x = 1; x", 1, 5, "'x' is an input and cannot be redefined");
    assertError("let s = 1;\nlet s = 2; s", 2, 5, "'s' is already defined at line 1, column 5");
    assertError(
        "let exp = 1; exp", 1, 5, "'exp' is the name of a built-in function; choose another name");
    assertError(
        "let pi = 3; pi", 1, 5, "'pi' is the name of a built-in constant; choose another name");
  }

  @Test
  void wrongArgumentCounts() {
    assertError("exp(x, x)", 1, 1, "exp(x) takes 1 argument, got 2");
    assertError("exp()", 1, 1, "exp(x) takes 1 argument, got 0");
    assertError("1 + poly(alpha)", 1, 5, "poly(c, x) takes 2 arguments, got 1");
    assertError("where(x > 0, x)", 1, 1, "where(cond, a, b) takes 3 arguments, got 2");
    assertError("max(x, x, x)", 1, 1, "max(a, b) takes 2 arguments, got 3");
  }

  @Test
  void vectorWhereScalarNeededAndTheReverse() {
    assertError(
        "poly(alpha, beta)",
        1,
        13,
        "the second argument of poly(c, x) must be a scalar, got a vector f64[6]");
    assertError(
        "poly(x, x)", 1, 6, "the first argument of poly(c, x) must be a vector, got a scalar");
    assertError("sum(x)", 1, 5, "the first argument of sum(v) must be a vector, got a scalar");
    assertError(
        "dot(alpha, x)", 1, 12, "the second argument of dot(u, v) must be a vector, got a scalar");
    assertError(
        "sin(alpha)",
        1,
        1,
        "the result must be a scalar, got a vector f64[6]; reduce it with sum(...), dot(...) or an"
            + " index [i]");
    assertError(
        "let v = alpha * x;\n  v + 1",
        2,
        3,
        "the result must be a scalar, got a vector f64[6]; reduce it with sum(...), dot(...) or an"
            + " index [i]");
    assertError("x[0]", 1, 3, "cannot index a scalar; only vectors have elements");
  }

  @Test
  void mismatchedVectorLengths() {
    List<Param> ps = List.of(Param.vector("u", 3), Param.vector("v", 4));
    LangException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            LangException.class, () -> Lang.parse("h", "sum(u + v)", ps));
    assertEquals("'+' needs operands of one shape or a scalar, got f64[3] and f64[4]", e.reason());
    assertEquals(7, e.column());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            LangException.class, () -> Lang.parse("h", "dot(u, v)", ps));
    assertEquals("dot(u, v) needs two vectors of one length, got f64[3] and f64[4]", e.reason());
    assertEquals(8, e.column());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            LangException.class, () -> Lang.parse("h", "sum(where(u > 0, u, v))", ps));
    assertEquals(
        "the arguments of where(cond, a, b) must have one shape or be scalars, got f64[3] and"
            + " f64[4]",
        e.reason());
    assertEquals(21, e.column());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            LangException.class, () -> Lang.parse("h", "sum(where(u < v, u, u))", ps));
    assertEquals("'<' needs operands of one shape or a scalar, got f64[3] and f64[4]", e.reason());
  }

  @Test
  void indicesMustBeConstantIntegersInRange() {
    assertError(
        "alpha[6]", 1, 7, "index 6 is out of range for a vector f64[6]: valid indices are 0 to 5");
    assertError(
        "alpha[-1]",
        1,
        7,
        "index -1 is out of range for a vector f64[6]: valid indices are 0 to 5");
    assertError(
        "index(beta, 10)",
        1,
        13,
        "index 10 is out of range for a vector f64[6]: valid indices are 0 to 5");
    assertError("alpha[1.5]", 1, 7, "an index must be a constant integer, got 1.5");
    assertError(
        "alpha[x]",
        1,
        7,
        "an index must be a constant integer, not a value computed from the inputs");
  }

  @Test
  void constantIndicesMayBeComputed() {
    assertEquals(LangFixtures.A[2], eval("let k = 1; a[k + 1]", 0, 0));
  }

  @Test
  void caretsLineUpUnderTabsAndInLongLines() {
    LangException e = LangFixtures.error("x +\t\tfoo");
    assertEquals("  x +\t\tfoo\n     \t\t^", caretLines(e));
    String longLine = "x + " + "y + ".repeat(100) + "zz + " + "y + ".repeat(100) + "y";
    e = LangFixtures.error(longLine);
    assertEquals(405, e.column());
    String[] lines = caretLines(e).split("\n");
    int caretAt = lines[1].indexOf('^');
    assertEquals("zz", lines[0].substring(caretAt, caretAt + 2));
    assertEquals(true, lines[0].length() < Source.WINDOW + 12, lines[0]);
  }
}
