package gradgrid.job.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Packs a classes directory into a jar (the cluster test ships the build under test). */
public final class Jars {
  private Jars() {}

  /**
   * Writes every file under {@code classes} into {@code jar}.
   *
   * @param classes a compiled classes directory
   * @param jar the jar to create
   * @return {@code jar}
   * @throws IOException if reading or writing fails
   */
  public static Path pack(Path classes, Path jar) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(classes)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      for (Path f : files) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, j);
        j.closeEntry();
      }
    }
    return jar;
  }
}
