package gradgrid.job.conf;

import java.util.Collection;
import java.util.Optional;

/** Suggests the closest known name for a misspelt key (Levenshtein distance). */
public final class DidYouMean {
  private DidYouMean() {}

  /**
   * Returns the candidate closest to {@code word}, if it is close enough to be a likely typo.
   *
   * @param word the unknown name
   * @param candidates the names that would have been accepted
   * @return the suggestion, or empty when nothing is close
   */
  public static Optional<String> suggest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(word.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    int limit = Math.max(2, word.length() / 3);
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /**
   * Formats {@code " (did you mean 'x'?)"} or an empty string.
   *
   * @param word the unknown name
   * @param candidates the names that would have been accepted
   * @return the hint text, starting with a space, or ""
   */
  public static String hint(String word, Collection<String> candidates) {
    return suggest(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
