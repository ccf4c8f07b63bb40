package gradgrid.job.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the shell's input into SQL statements at each {@code ;} that is outside quotes ({@code '},
 * {@code "}, {@code `}) and comments ({@code --} to the end of the line, {@code /* ... *}{@code
 * /}). Lines are fed one at a time; the text after the last {@code ;} waits for the next line, so a
 * statement may span lines and one line may hold several.
 */
final class Statements {
  private final StringBuilder pending = new StringBuilder();
  private boolean content;

  /**
   * Adds one line of input.
   *
   * @param line the line, without its line break
   * @return the statements it completed (without the {@code ;}); a {@code ;} after only blanks and
   *     comments completes none
   */
  List<String> add(String line) {
    pending.append(line).append('\n');
    List<String> done = new ArrayList<>();
    char quote = 0;
    boolean lineComment = false;
    boolean blockComment = false;
    int start = 0;
    content = false;
    for (int i = 0; i < pending.length(); i++) {
      char c = pending.charAt(i);
      char next = i + 1 < pending.length() ? pending.charAt(i + 1) : 0;
      if (lineComment) {
        lineComment = c != '\n';
      } else if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          i++;
        }
      } else if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++; // Spark SQL's backslash escapes inside string literals
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        content = true;
      } else if (c == '-' && next == '-') {
        lineComment = true;
      } else if (c == '/' && next == '*') {
        blockComment = true;
        i++;
      } else if (c == ';') {
        if (content) {
          done.add(pending.substring(start, i).strip());
        }
        start = i + 1;
        content = false;
      } else if (!Character.isWhitespace(c)) {
        content = true;
      }
    }
    pending.delete(0, start);
    if (!content && !blockComment) {
      pending.setLength(0); // only blanks and comments since the last statement
    }
    return done;
  }

  /**
   * Whether a statement has begun and not ended (comments alone do not begin one).
   *
   * @return true when text waits for its {@code ;}
   */
  boolean inStatement() {
    return content;
  }

  /**
   * The unfinished statement's text, and forgets it (end of input, or Ctrl-C at the prompt).
   *
   * @return the text, stripped; empty when none
   */
  String drain() {
    String s = content ? pending.toString().strip() : "";
    pending.setLength(0);
    content = false;
    return s;
  }
}
