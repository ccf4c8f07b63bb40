package gradgrid.ad.lang;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean" for unknown names, shared by the function language and the sweep conf: the closest
 * candidate by edit distance (insertions, deletions, substitutions and swaps of neighbours each
 * count 1, case ignored), if it is close enough to be a likely typo: a different case, or 1 edit (2
 * for names of 6 or more letters) and fewer edits than letters. Names longer than 64 characters get
 * no suggestion.
 */
public final class Suggest {
  private Suggest() {}

  /**
   * The hint for an unknown name, to append to the error message.
   *
   * @param name the unknown name as written
   * @param candidates the names that would have been accepted
   * @return {@code "; did you mean 'alpha'?"}, or the empty string when no candidate is close
   */
  public static String didYouMean(String name, Collection<String> candidates) {
    if (name.length() > 64) {
      return "";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int limit = Math.min(2, Math.max(1, Math.min(name.length(), c.length()) / 3));
      if (Math.abs(c.length() - name.length()) > limit) {
        continue;
      }
      int d =
          c.equalsIgnoreCase(name)
              ? 0
              : distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d <= limit && d < Math.min(name.length(), c.length()) && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best == null ? "" : "; did you mean " + Source.quote(best) + "?";
  }

  /** Optimal-string-alignment distance between {@code a} and {@code b}. */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }
}
