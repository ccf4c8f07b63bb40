package gradgrid.job.store;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of what a run computes: SHA-256 of the resolved conf without {@code output.mode}, so
 * a run started with {@code overwrite} can be resumed with {@code resume}.
 */
public final class ConfHash {
  private ConfHash() {}

  /**
   * Hashes a conf.
   *
   * @param confJson the resolved conf as JSON ({@code SweepSpec#confJson})
   * @return 64 hex digits
   */
  public static String of(String confJson) {
    String canonical =
        ConfigFactory.parseString(confJson)
            .withoutPath("output.mode")
            .root()
            .render(ConfigRenderOptions.concise());
    return sha256(canonical);
  }

  /**
   * SHA-256 of a text's UTF-8 bytes.
   *
   * @param text the text
   * @return 64 hex digits
   */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
