package gradgrid.ad.lang;

import static gradgrid.ad.lang.LangFixtures.PARAMS;
import static gradgrid.ad.lang.LangFixtures.assertError;
import static gradgrid.ad.lang.LangFixtures.eval;
import static gradgrid.ad.lang.LangFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.Fn;
import gradgrid.ad.trace.Val;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Precedence, associativity and the statement syntax: each text against the value the operators'
 * documented meaning gives, and against the graph the same operations traced in Java give.
 */
class ParserTest {
  private static void assertSameGraph(String text, Function<Val[], Val> java) {
    Fn expected = Fn.trace("f", PARAMS, java);
    assertEquals(expected.graph().toString(), parse(text).graph().toString(), text);
  }

  @Test
  void productsBindTighterThanSums() {
    assertEquals(7.0, eval("1 + 2 * 3", 0, 0));
    assertEquals(9.0, eval("(1 + 2) * 3", 0, 0));
    assertSameGraph("x + y * x", v -> v[0].add(v[1].mul(v[0])));
    assertSameGraph("(x + y) * x", v -> v[0].add(v[1]).mul(v[0]));
  }

  @Test
  void sumsAndProductsAssociateLeft() {
    assertEquals(2.0, eval("8 - 4 - 2", 0, 0));
    assertEquals(1.0, eval("8 / 4 / 2", 0, 0));
    assertSameGraph("x - y - x", v -> v[0].sub(v[1]).sub(v[0]));
    assertSameGraph("x / y / x", v -> v[0].div(v[1]).div(v[0]));
    assertSameGraph("x / y * x", v -> v[0].div(v[1]).mul(v[0]));
  }

  @Test
  void powerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
    assertEquals(512.0, eval("2^3^2", 0, 0));
    assertEquals(64.0, eval("(2^3)^2", 0, 0));
    assertEquals(-9.0, eval("-x^2", 3, 0)); // -(x^2)
    assertEquals(9.0, eval("(-x)^2", 3, 0));
    assertEquals(18.0, eval("2 * x^2", 3, 0));
    assertEquals(0.5, eval("2^-1", 0, 0));
    assertEquals(-0.25, eval("-2^-2", 0, 0)); // -(2^(-2))
    assertSameGraph("-x^2", v -> v[0].pow(2).neg());
    assertSameGraph("x^y^x", v -> v[0].pow(v[1].pow(v[0])));
    assertSameGraph("x^-y^2", v -> v[0].pow(v[1].pow(2).neg()));
  }

  @Test
  void unaryMinusNestsAndFollowsBinaryOperators() {
    assertEquals(3.0, eval("--x", 3, 0));
    assertSameGraph("x - -y", v -> v[0].sub(v[1].neg()));
    assertSameGraph("x * -y", v -> v[0].mul(v[1].neg()));
    assertSameGraph("-x * y", v -> v[0].neg().mul(v[1]));
  }

  @Test
  void indexingBindsTighterThanPowerAndMinus() {
    assertSameGraph("a[1]^2", v -> v[2].get(1).pow(2));
    assertSameGraph("-a[2]", v -> v[2].get(2).neg());
    assertSameGraph("index(a, 0) + a[0]", v -> v[2].get(0).add(v[2].get(0)));
  }

  @Test
  void constantIntegerExponentsAreExactIntegerPowers() {
    assertSameGraph("x^2", v -> v[0].pow(2));
    assertSameGraph("x^-3", v -> v[0].pow(-3));
    assertSameGraph("x^2.0", v -> v[0].pow(2));
    assertSameGraph("x^(1 + 1)", v -> v[0].pow(2));
    assertSameGraph("pow(x, 3)", v -> v[0].pow(3));
    assertSameGraph("x^2.5", v -> v[0].pow(v[0].constant(2.5)));
    assertSameGraph("x^y", v -> v[0].pow(v[1]));
    assertSameGraph("2^x", v -> v[0].constant(2).pow(v[0]));
  }

  @Test
  void callsTakeFullExpressionsAsArguments() {
    assertSameGraph("max(x + 1, y * 2)", v -> v[0].add(1.0).max(v[1].mul(2.0)));
    assertSameGraph(
        "where(x + 1 < y * 2, x, y)", v -> Val.select(v[0].add(1.0).lt(v[1].mul(2.0)), v[0], v[1]));
  }

  @Test
  void numbersInDecimalAndExponentForms() {
    assertEquals(1000.0, eval("1e3", 0, 0));
    assertEquals(0.015, eval("1.5E-2", 0, 0));
    assertEquals(0.5, eval(".5", 0, 0));
    assertEquals(2.0, eval("2.", 0, 0));
    assertEquals(100.0, eval("1.e2", 0, 0));
    assertEquals(1e-300, eval("1e-300", 0, 0));
    assertEquals(Math.PI, eval("pi", 0, 0));
  }

  @Test
  void letBindingsOverLinesWithComments() {
    String text =
        "# a conf-file style definition\n"
            + "let s = x + y;   # the sum\r\n"
            + "let d = x - y;\r"
            + "s * d            # the result\n";
    assertEquals(9.0 - 4.0, eval(text, 3, 2));
    assertSameGraph(text, v -> v[0].add(v[1]).mul(v[0].sub(v[1])));
  }

  @Test
  void laterBindingsSeeEarlierOnes() {
    assertEquals(16.0, eval("let a2 = x * x; let a4 = a2 * a2; a4", 2, 0));
  }

  @Test
  void syntaxErrorsPointAtTheirSpot() {
    assertError("(x + 1", 1, 1, "'(' is never closed");
    assertError("sin(x", 1, 4, "'(' is never closed");
    assertError("a[1", 1, 2, "'[' is never closed");
    assertError("x + 1)", 1, 6, "unmatched ')': no '(' before it is open");
    assertError("x]", 1, 2, "unmatched ']': no '[' before it is open");
    assertError("((x)]", 1, 5, "expected ')' to close the '(' at line 1, column 1, found ']'");
    assertError("a[1)", 1, 4, "expected ']' to close the '[' at line 1, column 2, found ')'");
    assertError("max(x y)", 1, 7, "expected ',' or ')' in the call to 'max', found name 'y'");
    assertError("", 1, 1, "empty expression: write the function, for example 'x^2 + 1'");
    assertError(
        "  # only a comment\n",
        1,
        1,
        "empty expression: write the function, for example 'x^2 + 1'");
    assertError(
        "let s = x;\n",
        2,
        1,
        "empty expression: the last 'let' must be followed by the result expression");
    assertError("x +", 1, 4, "expected an expression after '+', found the end of the input");
    assertError("x * / y", 1, 5, "expected an expression after '*', found '/'");
    assertError("()", 1, 2, "expected an expression inside '()', found ')'");
    assertError(")", 1, 1, "expected an expression, found ')'");
    assertError(
        "x y",
        1,
        3,
        "unexpected name 'y' after the expression; is an operator missing" + " before it?");
    assertError(
        "x 2",
        1,
        3,
        "unexpected number '2' after the expression; is an operator missing" + " before it?");
    assertError("x, y", 1, 2, "unexpected ',' after the expression");
    assertError(
        "x = 1",
        1,
        3,
        "unexpected '=' after the expression; define a name with 'let name = ...;' and compare"
            + " with '=='");
    assertError(
        "x;", 1, 2, "unexpected ';' after the expression; only 'let' definitions end with ';'");
  }

  @Test
  void letErrors() {
    assertError("let = x; x", 1, 5, "expected a name after 'let', found '='");
    assertError("let s x; s", 1, 7, "expected '=' after 'let s', found name 'x'");
    assertError("let s = x\ns", 2, 1, "expected ';' after the definition of 's', found name 's'");
    assertError("let let = x; x", 1, 5, "'let' is a keyword and cannot be defined");
    assertError(
        "x + let s = 1; s",
        1,
        5,
        "'let' definitions must come before the result expression, each ending ;");
  }

  @Test
  void comparisonErrors() {
    assertError(
        "where(x < y < 1, x, y)",
        1,
        13,
        "comparisons cannot be chained; combine two conditions with nested where(...)");
    assertError(
        "x < y",
        1,
        3,
        "a comparison has no value of its own; use it as the condition of where(cond, a, b)");
    assertError(
        "where(x, x < y, y)",
        1,
        12,
        "a comparison has no value of its own; use it as the condition of where(cond, a, b)");
  }

  @Test
  void nestingBeyondTheLimitIsAnErrorAtTheDeepestSpot() {
    String ok = "(".repeat(Parser.MAX_DEPTH - 1) + "x" + ")".repeat(Parser.MAX_DEPTH - 1);
    assertEquals(2.0, eval(ok, 2, 0));
    String deep = "(".repeat(Parser.MAX_DEPTH) + "x" + ")".repeat(Parser.MAX_DEPTH);
    assertError(
        deep,
        1,
        Parser.MAX_DEPTH + 1,
        "expression nested too deeply: more than 200 levels of parentheses, calls, powers, minus"
            + " signs, indexing, vectors or functions");
  }
}
