package gradgrid.ad.lang;

import static gradgrid.ad.lang.LangFixtures.A;
import static gradgrid.ad.lang.LangFixtures.B;
import static gradgrid.ad.lang.LangFixtures.error;
import static gradgrid.ad.lang.LangFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Text is data: hostile, huge and deeply nested inputs, and a fuzz over random and mutated strings,
 * give a function or a {@link LangException} and nothing else; no text reaches the graph.
 */
class LangSafetyTest {
  /** Longest message any error may have, whatever the input size. */
  private static final int MAX_MESSAGE = 600;

  private static void assertRejected(String text) {
    LangException e = error(text);
    assertTrue(e.getMessage().length() < MAX_MESSAGE, () -> "message too long for: " + text);
  }

  @Test
  void javaCodeQuotesEscapesAndCommentMarkersAreRejected() {
    for (String text :
        List.of(
            "x\"); System.exit(1); //",
            "System.exit(1)",
            "new java.io.File(\"/\").delete()",
            "x + \"1\"",
            "'x'",
            "x \\u0022 + 1",
            "x + " + (char) 0x22 + " y",
            "x \\ y",
            "\\n",
            "x /* comment */",
            "x // comment",
            "x */ 1",
            "`x`",
            "${x}",
            "x; return 0; }",
            "class A {}",
            "x @ y",
            "%s%n",
            "x + 1 #\n}")) {
      assertRejected(text);
    }
  }

  @Test
  void namesShapedLikeJavaNeverReachTheGraph() {
    Fn f = parse("let System_exit = x; let class_ = y; System_exit * class_ + 1  # \"); }");
    assertEquals(7.0, f.callScalar(new double[] {2}, new double[] {3}, A, B));
    String graph = f.graph().toString();
    assertFalse(graph.contains("System"), graph);
    assertFalse(graph.contains("class"), graph);
    assertFalse(graph.contains("\""), graph);
  }

  @Test
  void veryLongNamesGiveShortMessages() {
    String name = "q".repeat(100_000);
    LangException e = error("x + " + name);
    assertTrue(e.reason().startsWith("unknown name 'qqq"), e.reason());
    assertTrue(e.reason().contains("(100000 characters)"), e.reason());
    assertTrue(e.getMessage().length() < MAX_MESSAGE);
    assertEquals(
        2.0,
        parse("let " + name + " = x; " + name)
            .callScalar(new double[] {2}, new double[] {0}, A, B));
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    int n = 10_000;
    assertRejected("(".repeat(n) + "x" + ")".repeat(n));
    assertRejected("-".repeat(n) + "x");
    assertRejected("sin(".repeat(n) + "x" + ")".repeat(n));
    assertRejected("x^".repeat(n) + "x");
    assertRejected("a" + "[0]".repeat(n));
    assertRejected("a[".repeat(n) + "0" + "]".repeat(n));
    assertRejected("(".repeat(n));
    assertRejected(")".repeat(n));
  }

  @Test
  void oneMegabyteInputs() {
    int mb = 1 << 20;
    // 262,144 terms in one flat chain: lexed, parsed and lowered, folded to one constant
    String constants = "1 + ".repeat(mb / 4) + "x";
    assertTrue(constants.length() > mb);
    assertEquals(
        mb / 4 + 1.5, parse(constants).callScalar(new double[] {1.5}, new double[] {0}, A, B));
    // a flat sum of 32,768 inputs: a graph of 32,767 equations
    String sum = "x" + " + x".repeat(mb / 32 - 1);
    Fn f = parse(sum);
    assertEquals(mb / 32 - 1, f.eqnCount());
    assertEquals(mb / 32 * 1.5, f.callScalar(new double[] {1.5}, new double[] {0}, A, B));
    // comments and whitespace around a small expression
    String padded = "# " + "c".repeat(mb / 2) + "\n" + " ".repeat(mb / 2) + "x * y";
    assertEquals(6.0, parse(padded).callScalar(new double[] {2}, new double[] {3}, A, B));
    assertRejected("1".repeat(mb));
    assertRejected("x + " + "1".repeat(mb) + "x");
    assertRejected("x" + " +".repeat(mb / 2));
    assertRejected("\"".repeat(mb));
    assertRejected("(".repeat(mb));
    assertRejected("x\n".repeat(mb / 2));
  }

  @Test
  void fuzzedInputsGiveAFunctionOrALangException() {
    Random r = new Random(20261126L);
    String[] fragments = {
      "x", "y", "a", "b", "alpha", "1", "0", "2.5", "1e3", "1e", ".", "+", "-", "*", "/", "^", "(",
      ")", "[", "]", ",", ";", "=", "<", "<=", "==", "!=", ">", "let ", "where(", "poly(", "sum(",
      "dot(", "max(", "abs(", "sqrt(", "exp(", "pi", " ", "\n", "#", "\"", "\\", "\u00e9", "\t"
    };
    int accepted = 0;
    for (int n = 0; n < 2000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(12);
      for (int k = 0; k < len; k++) {
        sb.append(fragments[r.nextInt(fragments.length)]);
      }
      accepted += check(sb.toString()) ? 1 : 0;
    }
    List<String> seeds = LangDerivativeTest.EXPRESSIONS;
    String alphabet = "xyab0123456789.e+-*/^()[],;=<>!#_ \n\"\\";
    for (int n = 0; n < 2000; n++) {
      StringBuilder sb = new StringBuilder(seeds.get(r.nextInt(seeds.size())));
      int edits = 1 + r.nextInt(3);
      for (int k = 0; k < edits; k++) {
        int at = r.nextInt(sb.length() + 1);
        char c = alphabet.charAt(r.nextInt(alphabet.length()));
        switch (r.nextInt(3)) {
          case 0 -> sb.insert(at, c);
          case 1 -> {
            if (at < sb.length()) {
              sb.deleteCharAt(at);
            }
          }
          default -> {
            if (at < sb.length()) {
              sb.setCharAt(at, c);
            }
          }
        }
      }
      accepted += check(sb.toString()) ? 1 : 0;
    }
    // both outcomes occur: the fuzz reaches the lowering, not just the lexer
    assertTrue(accepted > 200, "accepted " + accepted);
    assertTrue(accepted < 3800, "accepted " + accepted);
  }

  /**
   * True if {@code text} parsed (and its value and gradient evaluate), false if it was rejected.
   */
  private static boolean check(String text) {
    try {
      Fn f = parse(text);
      double[][] args = {{0.7}, {0.4}, A, B};
      f.callScalar(args);
      AD.grad(f, 0, 1, 2, 3).call(args);
      return true;
    } catch (LangException e) {
      assertTrue(e.line() >= 1 && e.column() >= 1, text);
      assertTrue(e.getMessage().contains("^"), text);
      assertTrue(e.getMessage().length() < MAX_MESSAGE, text);
      return false;
    } catch (Throwable t) {
      fail("input " + quoteJava(text) + " threw " + t, t);
      return false;
    }
  }

  private static String quoteJava(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
