package gradgrid.ad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows the demo's real output: every line it prints appears there verbatim. */
class WorkedExampleTest {
  @Test
  void readmeShowsWhatTheDemoPrints() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      WorkedExample.main(new String[0]);
    } finally {
      System.setOut(old);
    }
    String readme = Files.readString(Path.of("../README.md"));
    for (String line : buf.toString(StandardCharsets.UTF_8).strip().split("\n")) {
      assertTrue(readme.contains(line.strip()), "README.md lacks the demo's line: " + line);
    }
  }
}
