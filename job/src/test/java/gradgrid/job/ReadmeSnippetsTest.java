package gradgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles as written, with the imports it shows: its
 * {@code import} lines go on top of a class and the rest becomes a method body. Names a snippet
 * uses without declaring them ({@code spark}, {@code points}, {@code x}, {@code alpha}, {@code
 * beta}, {@code f}, ...) are the method's parameters, the context the text around the snippet
 * gives. A block marked {@code ```java excerpt} is a piece of a source file, not a snippet, and is
 * skipped.
 */
class ReadmeSnippetsTest {
  private static final Pattern FENCE = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);

  private static final Map<String, String> CONTEXT = new LinkedHashMap<>();

  static {
    CONTEXT.put("spark", "org.apache.spark.sql.SparkSession");
    CONTEXT.put("points", "org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>");
    CONTEXT.put("x", "double[]");
    CONTEXT.put("alpha", "double[]");
    CONTEXT.put("beta", "double[]");
    CONTEXT.put("f", "gradgrid.ad.Fn");
    CONTEXT.put("fn", "gradgrid.ad.Fn");
    CONTEXT.put("inCols", "double[][]");
    CONTEXT.put("outCols", "double[][]");
    CONTEXT.put("from", "int");
    CONTEXT.put("to", "int");
  }

  @Test
  void everyJavaSnippetCompilesWithTheImportsItShows(@TempDir Path out) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<JavaFileObject> sources = new ArrayList<>();
    var m = FENCE.matcher(readme);
    while (m.find()) {
      int line = (int) readme.substring(0, m.start()).lines().count() + 1;
      sources.add(source("Snippet" + line, m.group(1)));
    }
    assertTrue(sources.size() >= 7, "found " + sources.size() + " java snippets");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter log = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      boolean ok =
          javac
              .getTask(
                  log,
                  files,
                  diagnostics,
                  List.of(
                      "-proc:none",
                      "-classpath",
                      System.getProperty("java.class.path"),
                      "-d",
                      out.toString()),
                  null,
                  sources)
              .call();
      StringBuilder errors = new StringBuilder(log.toString());
      diagnostics
          .getDiagnostics()
          .forEach(
              d ->
                  errors
                      .append(d.getSource() == null ? "" : d.getSource().getName())
                      .append(':')
                      .append(d.getLineNumber())
                      .append(": ")
                      .append(d.getMessage(null))
                      .append('\n'));
      assertTrue(ok, errors.toString());
      assertEquals("", errors.toString().strip());
    }
  }

  /** One snippet as a class: its imports on top, the rest inside a method. */
  private static JavaFileObject source(String name, String snippet) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String l : snippet.split("\n", -1)) {
      (l.startsWith("import ") ? imports : body).append(l).append('\n');
    }
    List<String> params = new ArrayList<>();
    CONTEXT.forEach(
        (var, type) -> {
          boolean used = Pattern.compile("\\b" + var + "\\b").matcher(body).find();
          boolean declared = Pattern.compile("\\s" + var + "\\s*=").matcher(body).find();
          if (used && !declared) {
            params.add(type + " " + var);
          }
        });
    String text =
        imports
            + "\n@SuppressWarnings(\"unused\")\nclass "
            + name
            + " {\n  void run("
            + String.join(", ", params)
            + ") throws Exception {\n"
            + body
            + "  }\n}\n";
    return new SimpleJavaFileObject(
        URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }
}
