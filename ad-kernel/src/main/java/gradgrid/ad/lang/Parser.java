package gradgrid.ad.lang;

import gradgrid.ad.lang.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent from tokens to a {@link Node.Program}:
 *
 * <pre>
 * program  := lets expr EOF
 * lets     := { 'let' NAME '=' expr ';' }
 * expr     := sum [ ('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') sum ]
 * sum      := product { ('+' | '-') product }
 * product  := unary { ('*' | '/') unary }
 * unary    := '-' unary | power
 * power    := postfix [ '^' unary ]
 * postfix  := primary { '[' expr ']' }
 * primary  := NUMBER | NAME | NAME '(' [ expr { ',' expr } ] ')' | '(' expr ')'
 *           | '[' expr { ',' expr } ']' | lambda
 * lambda   := ( NAME | '(' NAME { ',' NAME } ')' ) '-&gt;' lets expr
 * </pre>
 *
 * So {@code ^} binds tighter than unary minus ({@code -x^2 = -(x^2)}) and is right-associative
 * ({@code 2^3^2 = 2^9}); its exponent may carry a minus ({@code x^-2}). Nesting deeper than {@link
 * #MAX_DEPTH} is an error, so no input can exhaust the stack. A lambda's body reaches as far as an
 * expression can; lambdas and vector literals count as nesting levels.
 */
final class Parser {
  /**
   * The deepest nesting of parentheses, calls, powers, unary minus, indexing, vectors and lambdas
   * accepted.
   */
  static final int MAX_DEPTH = 200;

  private final String function;
  private final Source src;
  private final List<Token> tokens;
  private int p;
  private int depth;

  Parser(String function, Source src, List<Token> tokens) {
    this.function = function;
    this.src = src;
    this.tokens = tokens;
  }

  Node.Program program() {
    if (peek().kind() == Kind.EOF) {
      throw error(0, "empty expression: write the function, for example 'x^2 + 1'");
    }
    List<Node.Let> lets = lets();
    if (peek().kind() == Kind.EOF) {
      throw error(
          peek().start(),
          "empty expression: the last 'let' must be followed by the result expression");
    }
    int start = peek().start();
    Node result = expr();
    Token t = peek();
    if (t.kind() != Kind.EOF) {
      throw trailing(t);
    }
    return new Node.Program(start, lets, result);
  }

  /** Zero or more {@code let NAME = expr;} definitions, of a program or of a function's body. */
  private List<Node.Let> lets() {
    List<Node.Let> lets = new ArrayList<>();
    while (isLet(peek())) {
      next();
      Token name = expect(Kind.NAME, "a name after 'let'");
      String n = name.text(src);
      if (n.equals("let")) {
        throw error(name.start(), "'let' is a keyword and cannot be defined");
      }
      expect(Kind.ASSIGN, "'=' after 'let " + Source.shorten(n) + "'");
      Node value = expr();
      if (peek().kind() != Kind.SEMI) {
        throw error(
            peek().start(),
            "expected ';' after the definition of " + Source.quote(n) + ", found " + found(peek()));
      }
      next();
      lets.add(new Node.Let(name.start(), n, value));
    }
    return lets;
  }

  private LangException trailing(Token t) {
    switch (t.kind()) {
      case RPAREN:
        return error(t.start(), "unmatched ')': no '(' before it is open");
      case RBRACKET:
        return error(t.start(), "unmatched ']': no '[' before it is open");
      case ASSIGN:
        return error(
            t.start(),
            "unexpected '=' after the expression; define a name with 'let name = ...;' and"
                + " compare with '=='");
      case SEMI:
        return error(
            t.start(), "unexpected ';' after the expression; only 'let' definitions end with ';'");
      case NAME:
      case NUMBER:
      case LPAREN:
        return error(
            t.start(),
            "unexpected " + found(t) + " after the expression; is an operator missing before it?");
      default:
        return error(t.start(), "unexpected " + found(t) + " after the expression");
    }
  }

  private Node expr() {
    Node left = sum();
    if (!peek().kind().isComparison()) {
      return left;
    }
    Token op = next();
    Node right = sum();
    if (peek().kind().isComparison()) {
      throw error(
          peek().start(),
          "comparisons cannot be chained; combine two conditions with nested where(...)");
    }
    return new Node.Compare(op.start(), op.kind(), left, right);
  }

  private Node sum() {
    return chain(true);
  }

  private Node chain(boolean additive) {
    Node first = additive ? chain(false) : unary();
    List<Token> ops = new ArrayList<>();
    List<Node> rest = new ArrayList<>();
    while (additive
        ? peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS
        : peek().kind() == Kind.STAR || peek().kind() == Kind.SLASH) {
      ops.add(next());
      rest.add(additive ? chain(false) : unary());
    }
    return ops.isEmpty() ? first : new Node.Chain(first.pos(), first, ops, rest);
  }

  private Node unary() {
    enter();
    try {
      if (peek().kind() == Kind.MINUS) {
        Token minus = next();
        return new Node.Neg(minus.start(), unary());
      }
      Node base = postfix();
      if (peek().kind() == Kind.CARET) {
        Token caret = next();
        return new Node.Power(caret.start(), base, unary());
      }
      return base;
    } finally {
      depth--;
    }
  }

  private Node postfix() {
    Node n = primary();
    int wraps = 0;
    try {
      while (peek().kind() == Kind.LBRACKET) {
        Token open = next();
        enter();
        wraps++;
        int at = peek().start();
        Node index = expr();
        close(open, Kind.RBRACKET);
        n = new Node.Index(at, n, index);
      }
      return n;
    } finally {
      depth -= wraps;
    }
  }

  private Node primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER:
        next();
        return new Node.Num(t.start(), Double.parseDouble(t.text(src)));
      case NAME:
        next();
        if (isLet(t)) {
          throw error(
              t.start(), "'let' definitions must come before the result expression, each ending ;");
        }
        if (peek().kind() == Kind.ARROW) {
          return lambda(t.start(), List.of(parameter(t)));
        }
        if (peek().kind() == Kind.LPAREN) {
          return call(t);
        }
        return new Node.Name(t.start(), t.text(src));
      case LBRACKET:
        return vector(next());
      case LPAREN:
        if (isLambdaHead()) {
          return lambda(t.start(), parameters());
        }
        Token open = next();
        Node inner = expr();
        close(open, Kind.RPAREN);
        return inner;
      default:
        throw expectedExpression(t);
    }
  }

  /** True when the tokens from the {@code (} at hand read {@code ( [NAME {, NAME}] ) ->}. */
  private boolean isLambdaHead() {
    int q = p + 1;
    if (tokens.get(q).kind() == Kind.RPAREN) {
      return tokens.get(q + 1).kind() == Kind.ARROW;
    }
    while (tokens.get(q).kind() == Kind.NAME) {
      Kind after = tokens.get(q + 1).kind();
      if (after == Kind.RPAREN) {
        return tokens.get(q + 2).kind() == Kind.ARROW;
      }
      if (after != Kind.COMMA) {
        return false;
      }
      q += 2;
    }
    return false;
  }

  /** The parameter list {@code ( [NAME {, NAME}] )} of a function, known to be followed by '->'. */
  private List<Node.Name> parameters() {
    Token open = next();
    List<Node.Name> params = new ArrayList<>();
    while (peek().kind() == Kind.NAME) {
      params.add(parameter(next()));
      if (peek().kind() == Kind.COMMA) {
        next();
      }
    }
    next();
    if (params.isEmpty()) {
      throw error(open.start(), "a function needs at least one parameter, as in (s) -> s + 1");
    }
    return params;
  }

  private Node.Name parameter(Token name) {
    if (isLet(name)) {
      throw error(name.start(), "'let' is a keyword and cannot name a parameter");
    }
    return new Node.Name(name.start(), name.text(src));
  }

  /** The body after the parameters: {@code '->' { let NAME = expr ; } expr}. */
  private Node lambda(int pos, List<Node.Name> params) {
    next();
    enter();
    try {
      List<Node.Let> lets = lets();
      Node body = expr();
      return new Node.Lambda(pos, params, lets, body);
    } finally {
      depth--;
    }
  }

  /** A vector literal after its {@code [}: {@code expr { ',' expr } ']'}. */
  private Node vector(Token open) {
    enter();
    try {
      if (peek().kind() == Kind.RBRACKET) {
        throw error(open.start(), "a vector needs at least one element, as in [a, b]");
      }
      List<Node> elements = new ArrayList<>();
      elements.add(expr());
      while (peek().kind() == Kind.COMMA) {
        next();
        elements.add(expr());
      }
      close(open, Kind.RBRACKET);
      return new Node.Vector(open.start(), elements);
    } finally {
      depth--;
    }
  }

  private Node call(Token name) {
    Token open = next();
    List<Node> args = new ArrayList<>();
    if (peek().kind() != Kind.RPAREN) {
      args.add(expr());
      while (peek().kind() == Kind.COMMA) {
        next();
        args.add(expr());
      }
    }
    Token t = peek();
    if (t.kind() == Kind.RPAREN) {
      next();
      return new Node.Call(name.start(), name.text(src), args);
    }
    if (t.kind() == Kind.EOF) {
      throw error(open.start(), "'(' is never closed");
    }
    throw error(
        t.start(),
        "expected ',' or ')' in the call to "
            + Source.quote(name.text(src))
            + ", found "
            + found(t));
  }

  private void close(Token open, Kind closer) {
    Token t = peek();
    if (t.kind() == closer) {
      next();
      return;
    }
    String o = open.text(src);
    if (t.kind() == Kind.EOF) {
      throw error(open.start(), "'" + o + "' is never closed");
    }
    throw error(
        t.start(),
        "expected "
            + closer.shown()
            + " to close the '"
            + o
            + "' at line "
            + src.line(open.start())
            + ", column "
            + src.column(open.start())
            + ", found "
            + found(t));
  }

  private LangException expectedExpression(Token t) {
    String after = p == 0 ? "" : " after '" + Source.shorten(tokens.get(p - 1).text(src)) + "'";
    if (t.kind() == Kind.RPAREN && p > 0 && tokens.get(p - 1).kind() == Kind.LPAREN) {
      return error(t.start(), "expected an expression inside '()', found ')'");
    }
    return error(t.start(), "expected an expression" + after + ", found " + found(t));
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error(
          peek().start(),
          "expression nested too deeply: more than "
              + MAX_DEPTH
              + " levels of parentheses, calls, powers, minus signs, indexing, vectors or"
              + " functions");
    }
  }

  private Token expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw error(t.start(), "expected " + what + ", found " + found(t));
    }
    return next();
  }

  private boolean isLet(Token t) {
    return t.kind() == Kind.NAME && t.end() - t.start() == 3 && t.text(src).equals("let");
  }

  private String found(Token t) {
    switch (t.kind()) {
      case NAME:
        return "name " + Source.quote(t.text(src));
      case NUMBER:
        return "number " + Source.quote(t.text(src));
      default:
        return t.kind().shown();
    }
  }

  private Token peek() {
    return tokens.get(p);
  }

  private Token next() {
    return tokens.get(p++);
  }

  private LangException error(int at, String reason) {
    return new LangException(function, src, at, reason);
  }
}
