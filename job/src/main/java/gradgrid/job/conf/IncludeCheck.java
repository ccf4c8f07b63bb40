package gradgrid.job.conf;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reports problems that come from a file a conf {@code include}s. The messages name the conf, the
 * included file and the line, but never the included file's text: a wrong include may point at a
 * file of passwords or keys, and the parser's own messages quote its tokens and keys.
 */
final class IncludeCheck {
  private final Path conf;

  /**
   * Checks for one conf file.
   *
   * @param conf the conf file whose includes are checked
   */
  IncludeCheck(Path conf) {
    this.conf = conf;
  }

  /**
   * The error for a conf that HOCON could not read or resolve: the parser's message when the
   * problem is in the conf itself, otherwise a message about the include that hides its text.
   *
   * @param e the parser's exception
   * @return the one-paragraph error
   */
  ConfException readError(ConfigException e) {
    ConfigOrigin o = e.origin();
    if (o == null || isConf(o)) {
      return new ConfException("cannot read conf " + conf + ": " + e.getMessage());
    }
    String problem;
    if (e instanceof ConfigException.IO) {
      problem =
          "the file is missing or cannot be read (a relative file(...) path is resolved against"
              + " the working directory)";
    } else if (e instanceof ConfigException.Parse) {
      problem = "it is not valid HOCON (a syntax error" + line(o) + ")";
    } else if (e instanceof ConfigException.UnresolvedSubstitution) {
      problem = "a ${...} substitution in it" + line(o) + " cannot be resolved";
    } else {
      problem = "it cannot be loaded" + line(o);
    }
    return new ConfException(
        "cannot read conf "
            + conf
            + ": its include of "
            + name(o)
            + " failed: "
            + problem
            + "; the included file's text is not shown");
  }

  /**
   * Refuses a top-level key that an included file brings in and that is not a sweep setting,
   * without naming the key (the included file may not be a conf at all).
   *
   * @param root the parsed conf
   * @param known the top-level keys a sweep conf may have
   * @throws ConfException for the first such key
   */
  void checkTopKeys(ConfigObject root, Set<String> known) {
    for (Map.Entry<String, ConfigValue> e : root.entrySet()) {
      ConfigOrigin o = e.getValue().origin();
      if (!known.contains(e.getKey()) && o != null && o.filename() != null && !isConf(o)) {
        throw new ConfException(
            "conf "
                + conf
                + " includes "
                + name(o)
                + ", which sets a top-level key that is not a sweep setting"
                + line(o)
                + " (known: "
                + String.join(", ", known.stream().sorted().toList())
                + "); is it the right file to include? The included file's text is not shown");
      }
    }
  }

  private boolean isConf(ConfigOrigin o) {
    return o.filename() != null && samePath(Path.of(o.filename()), conf);
  }

  private static boolean samePath(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static String name(ConfigOrigin o) {
    if (o.filename() != null) {
      return o.filename();
    }
    if (o.resource() != null) {
      return o.resource() + " (on the classpath)";
    }
    return o.url() != null ? o.url().toString() : o.description();
  }

  private static String line(ConfigOrigin o) {
    return o.lineNumber() > 0 ? " at line " + o.lineNumber() : "";
  }
}
