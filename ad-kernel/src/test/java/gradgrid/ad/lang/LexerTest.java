package gradgrid.ad.lang;

import static gradgrid.ad.lang.LangFixtures.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.lang.Token.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens, and the errors for numbers and characters the language does not have. */
class LexerTest {
  private static List<Kind> kinds(String text) {
    return new Lexer("f", new Source(text)).tokens().stream().map(Token::kind).toList();
  }

  @Test
  void operatorsNamesNumbersAndComments() {
    assertEquals(
        List.of(
            Kind.NAME,
            Kind.LPAREN,
            Kind.NAME,
            Kind.COMMA,
            Kind.NUMBER,
            Kind.RPAREN,
            Kind.CARET,
            Kind.MINUS,
            Kind.NUMBER,
            Kind.EOF),
        kinds("f_2(x, 1.5e-3)^-2 # comment ) ( \n"));
    assertEquals(
        List.of(
            Kind.LT,
            Kind.LE,
            Kind.GT,
            Kind.GE,
            Kind.EQ,
            Kind.NE,
            Kind.ASSIGN,
            Kind.SEMI,
            Kind.LBRACKET,
            Kind.RBRACKET,
            Kind.PLUS,
            Kind.STAR,
            Kind.SLASH,
            Kind.EOF),
        kinds("< <= > >= == != = ; [ ] + * /"));
    assertEquals(List.of(Kind.NUMBER, Kind.NUMBER, Kind.NUMBER, Kind.EOF), kinds(".5 2. 3E+7"));
  }

  @Test
  void badNumbers() {
    String ends = "a number must end before letters, digits or a second '.'";
    assertError("1.2.3 + x", 1, 1, "bad number '1.2.3': " + ends);
    assertError("x + 0x1F", 1, 5, "bad number '0x1F': only decimal numbers are supported");
    assertError(
        "1.5x",
        1,
        1,
        "bad number '1.5x': a number cannot run into a name; write 1.5 * x for" + " a product");
    assertError("x + 1..5", 1, 5, "bad number '1..5': " + ends);
    assertError("x * 1e", 1, 5, "bad number '1e': its exponent has no digits");
    assertError("1e+ x", 1, 1, "bad number '1e+': its exponent has no digits");
    assertError("1e999", 1, 1, "bad number '1e999': it is too large for a float64");
    assertError(
        "3 + 2x",
        1,
        5,
        "bad number '2x': a number cannot run into a name; write 2 * x for a product");
  }

  @Test
  void charactersOutsideTheLanguage() {
    assertError("x ** 2", 1, 3, "'**' is not an operator; write x^2 for a power");
    assertError("x ! y", 1, 3, "unexpected character '!'; 'not equal' is written !=");
    assertError("\"x\"", 1, 1, "unexpected character '\"' (U+0022)");
    assertError("x + 'y'", 1, 5, "unexpected character ''' (U+0027)");
    assertError("x \\ y", 1, 3, "unexpected character '\\' (U+005C)");
    assertError("x && y", 1, 3, "unexpected character '&' (U+0026)");
    assertError("x + \u00e9", 1, 5, "unexpected character '\u00e9' (U+00E9)");
    assertError("x +\u0000", 1, 4, "unexpected character U+0000");
    assertError("x + \ud83d\ude00", 1, 5, "unexpected character '\ud83d\ude00' (U+1F600)");
    assertError("x + \ud83d", 1, 5, "unexpected character U+D83D");
    assertError("x\u00a0+ y", 1, 2, "unexpected character U+00A0");
  }
}
