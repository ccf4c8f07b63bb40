package gradgrid.ad.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import java.util.List;

/** Inputs and assertions shared by the language tests. */
final class LangFixtures {
  private LangFixtures() {}

  /** Two scalars and two 3-vectors: {@code x, y, a, b}. */
  static final List<Param> PARAMS =
      List.of(Param.scalar("x"), Param.scalar("y"), Param.vector("a", 3), Param.vector("b", 3));

  /** A point where every test expression is smooth: b positive, no ties, x != y. */
  static final double[] A = {0.3, -0.8, 0.55};

  static final double[] B = {0.9, 1.2, 0.6};

  static Fn parse(String text) {
    return Lang.parse("f", text, PARAMS);
  }

  /** The value of {@code text} at {@code (x, y, A, B)}. */
  static double eval(String text, double x, double y) {
    return parse(text).callScalar(new double[] {x}, new double[] {y}, A, B);
  }

  /** The error {@code text} raises. */
  static LangException error(String text) {
    return assertThrows(LangException.class, () -> parse(text), text);
  }

  /** Asserts the error's reason and 1-based position. */
  static LangException assertError(String text, int line, int column, String reason) {
    LangException e = error(text);
    assertEquals(reason, e.reason(), "reason for: " + text);
    assertEquals(line, e.line(), "line for: " + text);
    assertEquals(column, e.column(), "column for: " + text);
    return e;
  }

  /** The source excerpt and caret lines of the error's message. */
  static String caretLines(LangException e) {
    String m = e.getMessage();
    return m.substring(m.indexOf('\n') + 1);
  }
}
