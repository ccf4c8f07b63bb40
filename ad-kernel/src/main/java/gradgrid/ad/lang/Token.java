package gradgrid.ad.lang;

/** One token: its kind and its extent {@code [start, end)} in the source text. */
record Token(Token.Kind kind, int start, int end) {
  /** The kinds of token; {@code let} is a {@link #NAME} the parser treats as a keyword. */
  enum Kind {
    NUMBER("a number"),
    NAME("a name"),
    PLUS("'+'"),
    MINUS("'-'"),
    STAR("'*'"),
    SLASH("'/'"),
    CARET("'^'"),
    LPAREN("'('"),
    RPAREN("')'"),
    LBRACKET("'['"),
    RBRACKET("']'"),
    COMMA("','"),
    SEMI("';'"),
    ASSIGN("'='"),
    LT("'<'"),
    LE("'<='"),
    GT("'>'"),
    GE("'>='"),
    EQ("'=='"),
    NE("'!='"),
    ARROW("'->'"),
    EOF("the end of the input");

    private final String shown;

    Kind(String shown) {
      this.shown = shown;
    }

    /** How the kind reads in an error message. */
    String shown() {
      return shown;
    }

    /** True for the comparison operators. */
    boolean isComparison() {
      return this == LT || this == LE || this == GT || this == GE || this == EQ || this == NE;
    }
  }

  /** The token's text in {@code source}. */
  String text(Source source) {
    return source.text().substring(start, end);
  }
}
