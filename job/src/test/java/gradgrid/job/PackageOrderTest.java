package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's promise about the job's architecture: each package of {@code gradgrid.job} imports
 * only packages before it in one order, so data flows one way and there are no import cycles.
 */
class PackageOrderTest {
  /** The order, as the README's code map lists it. */
  static final List<String> ORDER =
      List.of(
          "ui",
          "grid",
          "partitions",
          "conf",
          "criticals",
          "run",
          "parquet",
          "functions",
          "frame",
          "source",
          "store",
          "write",
          "sql",
          "extrema",
          "figures",
          "cli",
          "examples");

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?gradgrid\\.job\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void eachPackageImportsOnlyPackagesBeforeIt() throws IOException {
    Path root = Path.of("src/main/java/gradgrid/job");
    List<String> wrong = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String pkg = dir.getFileName().toString();
        packages.add(pkg);
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
              String used = m.group(1);
              if (!used.equals(pkg) && ORDER.indexOf(used) >= ORDER.indexOf(pkg)) {
                wrong.add(root.relativize(file) + " imports gradgrid.job." + used);
              }
            }
          }
        }
      }
    }
    assertEquals(ORDER.stream().sorted().toList(), packages, "packages and the README's order");
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void theReadmeListsTheSameOrder() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    assertTrue(readme.contains(String.join(", ", ORDER) + "."), "README's package order");
  }
}
