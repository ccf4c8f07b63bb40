package gradgrid.ad.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one function definition and the positions in it: offsets to 1-based line and column
 * ({@code \n}, {@code \r\n} and {@code \r} end a line; columns count UTF-16 characters), and the
 * source line with a caret under a spot, clipped to a readable window for very long lines.
 */
final class Source {
  /** Widest source excerpt shown in an error; longer lines are clipped around the caret. */
  static final int WINDOW = 80;

  /** Longest name quoted in full in an error message. */
  static final int MAX_QUOTED = 40;

  private final String text;
  private final int[] lineStarts;

  Source(String text) {
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  String text() {
    return text;
  }

  int length() {
    return text.length();
  }

  /** The 1-based line of {@code offset}. */
  int line(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /** The 1-based column of {@code offset}. */
  int column(int offset) {
    return offset - lineStarts[line(offset) - 1] + 1;
  }

  /** Two lines: the source line holding {@code offset} (clipped) and a caret under it. */
  String caret(int offset) {
    int line = line(offset);
    int start = lineStarts[line - 1];
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    int from = start;
    int to = end;
    if (to - from > WINDOW) {
      from = Math.max(start, Math.min(offset - WINDOW / 2, end - WINDOW));
      to = Math.min(end, from + WINDOW);
    }
    String prefix = from > start ? "..." : "";
    String suffix = to < end ? "..." : "";
    StringBuilder src = new StringBuilder("  ").append(prefix);
    StringBuilder mark = new StringBuilder("  ").append(" ".repeat(prefix.length()));
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      char shown = c == '\t' || (c >= ' ' && c != 0x7f) ? c : ' ';
      src.append(shown);
      if (i < offset) {
        mark.append(shown == '\t' ? '\t' : ' ');
      }
    }
    return src.append(suffix).append('\n').append(mark).append('^').toString();
  }

  /** {@code 'name'}, shortened with {@code ...} when longer than {@link #MAX_QUOTED}. */
  static String quote(String name) {
    String q = "'" + shorten(name) + "'";
    return name.length() <= MAX_QUOTED ? q : q + " (" + name.length() + " characters)";
  }

  /** {@code text} itself, or its start and {@code ...} when longer than {@link #MAX_QUOTED}. */
  static String shorten(String text) {
    return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED - 3) + "...";
  }
}
