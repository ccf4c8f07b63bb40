package gradgrid.job.testing;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/**
 * The local disk under a scheme of its own, {@value #SCHEME}{@code :///path}: to Hadoop and Spark a
 * file system that is not {@code file}, so the code paths of a remote output (the lock file's
 * atomic creation, the file system's own permission check, no {@code java.nio}) run against real
 * files. Its permission check reads the owner's mode bits, as HDFS does for a file's owner, with no
 * superuser. Registered by setting {@code fs.ggremote.impl} to this class in a Hadoop
 * configuration.
 */
public class OtherSchemeFileSystem extends RawLocalFileSystem {
  /** The scheme. */
  public static final String SCHEME = "ggremote";

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public void access(Path path, FsAction mode) throws IOException {
    Set<PosixFilePermission> bits;
    try {
      bits = Files.getPosixFilePermissions(pathToFile(path).toPath());
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(path.toString());
    }
    boolean denied =
        (mode.implies(FsAction.READ) && !bits.contains(PosixFilePermission.OWNER_READ))
            || (mode.implies(FsAction.WRITE) && !bits.contains(PosixFilePermission.OWNER_WRITE))
            || (mode.implies(FsAction.EXECUTE)
                && !bits.contains(PosixFilePermission.OWNER_EXECUTE));
    if (denied) {
      throw new AccessControlException("Permission denied: " + mode + " on " + path);
    }
  }
}
