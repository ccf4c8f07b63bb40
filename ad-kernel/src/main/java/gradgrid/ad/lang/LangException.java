package gradgrid.ad.lang;

import gradgrid.ad.ir.AdException;

/**
 * The one error of the function language: what is wrong, where (1-based line and column), and the
 * source line with a caret under the spot. For example:
 *
 * <pre>
 * function 'f', line 1, column 6: unknown name 'alpah'; did you mean 'alpha'?
 *   poly(alpah, x)
 *        ^
 * </pre>
 */
public final class LangException extends AdException {
  private static final long serialVersionUID = 1L;

  private final String function;
  private final int line;
  private final int column;
  private final String reason;

  LangException(String function, Source source, int offset, String reason) {
    super(format(function, source, offset, reason));
    this.function = function;
    this.line = source.line(offset);
    this.column = source.column(offset);
    this.reason = reason;
  }

  private static String format(String function, Source source, int offset, String reason) {
    return "function "
        + Source.quote(function)
        + ", line "
        + source.line(offset)
        + ", column "
        + source.column(offset)
        + ": "
        + reason
        + "\n"
        + source.caret(offset);
  }

  /** The name of the function being parsed. */
  public String function() {
    return function;
  }

  /** The 1-based line of the error. */
  public int line() {
    return line;
  }

  /** The 1-based column of the error (counting UTF-16 characters). */
  public int column() {
    return column;
  }

  /** What is wrong, without the position or the source excerpt. */
  public String reason() {
    return reason;
  }
}
