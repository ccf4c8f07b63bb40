package gradgrid.ad.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the source into tokens. Whitespace separates tokens and {@code #} starts a comment that
 * runs to the end of the line. Names are ASCII: {@code [A-Za-z_][A-Za-z0-9_]*}. Numbers are decimal
 * with an optional fraction and exponent ({@code 2}, {@code 0.5}, {@code .5}, {@code 1e-3}); a
 * number running into letters, digits or dots ({@code 2x}, {@code 1.2.3}, {@code 0x1F}), an
 * exponent without digits ({@code 1e}) or a value beyond float64 ({@code 1e999}) is an error.
 */
final class Lexer {
  private final String function;
  private final Source src;
  private final String s;
  private int i;

  Lexer(String function, Source src) {
    this.function = function;
    this.src = src;
    this.s = src.text();
  }

  /** All tokens, ending with one {@link Token.Kind#EOF}. */
  List<Token> tokens() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (i >= s.length()) {
        out.add(new Token(Token.Kind.EOF, i, i));
        return out;
      }
      out.add(next());
    }
  }

  private void skipSpaceAndComments() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        i++;
      } else if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
          i++;
        }
      } else {
        return;
      }
    }
  }

  private Token next() {
    int start = i;
    char c = s.charAt(i);
    if (isDigit(c) || (c == '.' && i + 1 < s.length() && isDigit(s.charAt(i + 1)))) {
      return number();
    }
    if (isNameStart(c)) {
      while (i < s.length() && isNamePart(s.charAt(i))) {
        i++;
      }
      return new Token(Token.Kind.NAME, start, i);
    }
    i++;
    switch (c) {
      case '+':
        return token(Token.Kind.PLUS, start);
      case '-':
        return token(accept('>') ? Token.Kind.ARROW : Token.Kind.MINUS, start);
      case '*':
        if (peek('*')) {
          throw error(start, "'**' is not an operator; write x^2 for a power");
        }
        return token(Token.Kind.STAR, start);
      case '/':
        return token(Token.Kind.SLASH, start);
      case '^':
        return token(Token.Kind.CARET, start);
      case '(':
        return token(Token.Kind.LPAREN, start);
      case ')':
        return token(Token.Kind.RPAREN, start);
      case '[':
        return token(Token.Kind.LBRACKET, start);
      case ']':
        return token(Token.Kind.RBRACKET, start);
      case ',':
        return token(Token.Kind.COMMA, start);
      case ';':
        return token(Token.Kind.SEMI, start);
      case '<':
        return token(accept('=') ? Token.Kind.LE : Token.Kind.LT, start);
      case '>':
        return token(accept('=') ? Token.Kind.GE : Token.Kind.GT, start);
      case '=':
        return token(accept('=') ? Token.Kind.EQ : Token.Kind.ASSIGN, start);
      case '!':
        if (accept('=')) {
          return token(Token.Kind.NE, start);
        }
        throw error(start, "unexpected character '!'; 'not equal' is written !=");
      default:
        throw error(start, "unexpected character " + describe(start));
    }
  }

  private Token number() {
    int start = i;
    digits();
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      digits();
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      if (i >= s.length() || !isDigit(s.charAt(i))) {
        throw badNumber(start, "its exponent has no digits");
      }
      digits();
    }
    if (i < s.length() && (isNamePart(s.charAt(i)) || s.charAt(i) == '.')) {
      int end = i;
      while (i < s.length() && (isNamePart(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String tail = s.substring(end, i);
      if (s.substring(start, end).equals("0") && (tail.charAt(0) == 'x' || tail.charAt(0) == 'X')) {
        throw badNumber(start, "only decimal numbers are supported");
      }
      if (isNameStart(tail.charAt(0)) && tail.indexOf('.') < 0) {
        throw badNumber(
            start,
            "a number cannot run into a name; write "
                + Source.shorten(s.substring(start, end) + " * " + tail)
                + " for a product");
      }
      throw badNumber(start, "a number must end before letters, digits or a second '.'");
    }
    double v = Double.parseDouble(s.substring(start, i));
    if (Double.isInfinite(v)) {
      throw badNumber(start, "it is too large for a float64");
    }
    return new Token(Token.Kind.NUMBER, start, i);
  }

  private LangException badNumber(int start, String why) {
    return error(start, "bad number " + Source.quote(s.substring(start, i)) + ": " + why);
  }

  private void digits() {
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
  }

  private boolean peek(char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  private boolean accept(char c) {
    if (peek(c)) {
      i++;
      return true;
    }
    return false;
  }

  private Token token(Token.Kind kind, int start) {
    return new Token(kind, start, i);
  }

  /** A printable description of the character at {@code at}: {@code '"'}, {@code U+00E9 'é'}. */
  private String describe(int at) {
    int cp = s.codePointAt(at);
    String code = String.format("U+%04X", cp);
    if (Character.isISOControl(cp)
        || Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || !Character.isDefined(cp)
        || Character.getType(cp) == Character.SURROGATE) {
      return code;
    }
    return "'" + new String(Character.toChars(cp)) + "' (" + code + ")";
  }

  private LangException error(int at, String reason) {
    return new LangException(function, src, at, reason);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c);
  }
}
