package gradgrid.job.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.testing.OtherSchemeFileSystem;
import gradgrid.job.testing.SmallSweeps;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conf named on the command line as a path, a URI or a file shipped with --files. */
class ConfSourceTest {
  @TempDir Path tmp;

  @Test
  void aFileUriIsTheLocalFileAndItsIncludesWork() throws Exception {
    Path fixed =
        Files.writeString(
            tmp.resolve("fixed.conf"), "inputs.alpha = [1, 2, 3]\ninputs.beta = [0, 1, 0]\n");
    Path conf =
        Files.writeString(
            tmp.resolve("uri.conf"),
            "function { builtin = rational, deg-p = 2, deg-q = 2 }\n"
                + "include file(\""
                + fixed
                + "\")\n"
                + "inputs.x { from = 0, to = 1, points = 3 }\noutputs = [f]\n");
    Path found = ConfSource.locate(conf.toUri().toString());
    assertEquals(conf, found);
    SweepSpec spec =
        new SweepConfLoader(SmallSweeps.providers(), tmp).load(ConfSource.locate("file://" + conf));
    assertEquals(3, spec.grid().rows());
    assertTrue(spec.output().endsWith("out/uri"), spec.output());
  }

  @Test
  void aConfOnAnotherHadoopFileSystemIsCopiedAndReadWithSparksHadoopSettings() throws Exception {
    Path conf =
        Files.writeString(
            tmp.resolve("remote conf.conf"),
            "function { builtin = rational, deg-p = 1, deg-q = 1 }\n"
                + "inputs { x { from = 0, to = 1, points = 4 }, alpha = [1, 2], beta = [0, 1] }\n"
                + "outputs = [f]\n");
    String uri = OtherSchemeFileSystem.SCHEME + "://" + conf.toUri().getRawPath();
    String key = "spark.hadoop.fs." + OtherSchemeFileSystem.SCHEME + ".impl";
    ConfException unknown = assertThrows(ConfException.class, () -> ConfSource.locate(uri));
    assertTrue(unknown.getMessage().contains("through Hadoop's FileSystem"), unknown.getMessage());
    System.setProperty(key, OtherSchemeFileSystem.class.getName());
    try {
      Path local = ConfSource.locate(uri);
      assertEquals("remote conf.conf", local.getFileName().toString());
      SweepSpec spec = new SweepConfLoader(SmallSweeps.providers(), tmp).load(local);
      assertEquals(4, spec.grid().rows());
      ConfException missing =
          assertThrows(ConfException.class, () -> ConfSource.locate(uri + "-not-there"));
      assertEquals("conf file not found: " + uri + "-not-there", missing.getMessage());
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void aLocalPathStaysAsGivenAndAMissingOneIsReportedByTheReader() {
    Path missing = tmp.resolve("missing.conf");
    assertEquals(missing, ConfSource.locate(missing.toString()));
    ConfException e =
        assertThrows(
            ConfException.class,
            () ->
                new SweepConfLoader(SmallSweeps.providers(), tmp)
                    .load(ConfSource.locate(missing.toString())));
    assertTrue(e.getMessage().startsWith("conf file not found: "), e.getMessage());
  }

  @Test
  void badUrisAreOneClearError() {
    ConfException relative =
        assertThrows(ConfException.class, () -> ConfSource.locate("file:relative.conf"));
    assertTrue(relative.getMessage().contains("absolute path"), relative.getMessage());
    ConfException unknown =
        assertThrows(ConfException.class, () -> ConfSource.locate("nosuchfs://host/dir/a.conf"));
    assertTrue(unknown.getMessage().contains("Hadoop's FileSystem"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("nosuchfs"), unknown.getMessage());
  }

  @Test
  void aConfShippedWithFilesIsFoundByItsName() throws Exception {
    Path shipped = Files.writeString(tmp.resolve("shipped-by-name.conf"), "outputs = [f]\n");
    String before = System.getProperty("spark.files");
    System.setProperty("spark.files", "file:/elsewhere/other.conf," + shipped.toUri());
    try {
      assertEquals(shipped, ConfSource.locate("shipped-by-name.conf"));
      assertEquals(shipped, ConfSource.locate("/not/on/this/machine/shipped-by-name.conf"));
      assertEquals(Path.of("unlisted.conf"), ConfSource.locate("unlisted.conf"));
    } finally {
      if (before == null) {
        System.clearProperty("spark.files");
      } else {
        System.setProperty("spark.files", before);
      }
    }
  }
}
