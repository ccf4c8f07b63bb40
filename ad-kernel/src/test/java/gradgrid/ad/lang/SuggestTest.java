package gradgrid.ad.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
  private static final List<String> KEYS = List.of("output", "outputs", "batch-size", "limits");

  @Test
  void suggestsTheClosestLikelyTypo() {
    assertEquals("; did you mean 'output'?", Suggest.didYouMean("ouptut", KEYS)); // a swap
    assertEquals("; did you mean 'outputs'?", Suggest.didYouMean("ouputs", KEYS)); // a deletion
    assertEquals("; did you mean 'batch-size'?", Suggest.didYouMean("batchsize", KEYS));
    assertEquals("; did you mean 'limits'?", Suggest.didYouMean("LIMITS", KEYS)); // case only
    assertEquals("; did you mean 'Alpha'?", Suggest.didYouMean("alpah", List.of("Alpha")));
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertEquals("", Suggest.didYouMean("figures", KEYS));
    assertEquals("", Suggest.didYouMean("x", List.of("y"))); // 1 edit is as many as letters
    assertEquals("", Suggest.didYouMean("o".repeat(65), List.of("o".repeat(64))));
    assertEquals("", Suggest.didYouMean("limits", List.of()));
  }

  @Test
  void distanceCountsASwapOfNeighboursAsOneEdit() {
    assertEquals(1, Suggest.distance("ab", "ba"));
    assertEquals(2, Suggest.distance("kitten", "sitting".substring(0, 6))); // k->s, e->i
    assertEquals(3, Suggest.distance("abc", ""));
  }
}
