package gradgrid.job.conf;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code output.dir} as written in a conf, turned once into the one form every later stage uses: a
 * Hadoop path string ({@code new org.apache.hadoop.fs.Path(location)} is exactly the directory, no
 * re-escaping), plus the local path when the output is local. Spaces, {@code %}, {@code #} and any
 * unicode letter are kept literally (as Hadoop keeps them: {@code file:///a%41} is a directory
 * named {@code a%41}); characters Spark's readers take as a glob pattern or Hadoop cannot hold in a
 * name are refused, and so is {@code ~}, which only a shell expands.
 *
 * @param location the Hadoop path string
 * @param local the local directory, or null for a remote output
 */
public record OutputDir(String location, Path local) {
  private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://(.*)");
  private static final String REFUSED = "*?[]{}\\:";

  /**
   * Parses {@code output.dir}.
   *
   * @param dir the conf's text
   * @param workingDir relative paths are resolved against it
   * @param where the key's position, for messages
   * @return the output directory
   * @throws ConfException when the text names no directory gradgrid can write exactly
   */
  public static OutputDir parse(String dir, Path workingDir, String where) {
    Matcher m = SCHEME.matcher(dir);
    if (m.matches() && !m.group(1).equalsIgnoreCase("file")) {
      return new OutputDir(m.group(1).toLowerCase(Locale.ROOT) + "://" + m.group(2), null);
    }
    String path = dir;
    if (m.matches()) {
      path = m.group(2);
      if (!path.startsWith("/")) {
        String host = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        throw new ConfException(
            where
                + "output.dir: '"
                + dir
                + "' "
                + (host.isEmpty() ? "names no path" : "names the host '" + host + "'")
                + "; a local output is file:///absolute/path (three slashes) or a plain path");
      }
    }
    ConfValues.refuseTilde(path, dir, where + "output.dir: ");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (REFUSED.indexOf(c) >= 0 || Character.isISOControl(c)) {
        throw new ConfException(
            where
                + "output.dir: '"
                + dir
                + "' contains "
                + (Character.isISOControl(c) ? "a control character" : "'" + c + "'")
                + ", which Spark's readers take as a glob pattern or Hadoop cannot hold in a file"
                + " name; choose a name without "
                + REFUSED
                + " and control characters");
      }
    }
    return ofLocal(workingDir.resolve(path));
  }

  /**
   * A local directory in the one form every stage uses.
   *
   * @param dir the directory (made absolute and normalised)
   * @return the output directory
   */
  public static OutputDir ofLocal(Path dir) {
    Path local = dir.toAbsolutePath().normalize();
    return new OutputDir(new org.apache.hadoop.fs.Path(local.toUri()).toString(), local);
  }
}
