package gradgrid.job.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import gradgrid.job.conf.FunctionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Figure titles name a text function by its leading comment, else by its comment-free text. */
class FunctionLabelTest {
  private static String label(String text) {
    return FunctionLabel.of(new FunctionSpec(null, ConfigFactory.empty(), text, List.of(), "t"));
  }

  @Test
  void aLeadingCommentIsTheLabel() {
    assertEquals(
        "Lotka-Volterra: prey x(10)",
        label("\n  # Lotka-Volterra: prey x(10)\n  let h = 0.01;\n  fori(0, 10, x, (i, s) -> s)"));
  }

  @Test
  void otherwiseCommentsGoAndWhiteSpaceCollapses() {
    assertEquals("let p = x;", label("let p = x; # square\n# p^2"));
    assertEquals("let p = x; p^2", label("let p = x;  # square\n\n  p^2"));
    assertEquals("x^2", label("#\nx^2"));
    String longText = "x + ".repeat(40) + "x";
    assertEquals(FunctionLabel.MAX_CHARS, label(longText).length());
    assertEquals("...", label(longText).substring(FunctionLabel.MAX_CHARS - 3));
  }
}
