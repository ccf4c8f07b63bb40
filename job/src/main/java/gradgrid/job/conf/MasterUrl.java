package gradgrid.job.conf;

import java.util.regex.Pattern;

/** Checks a Spark master URL before a session starts, so a typo is bad input (exit 2). */
public final class MasterUrl {
  private static final Pattern KNOWN =
      Pattern.compile(
          "local|local\\[(\\d+|\\*)(,\\d+)?]|local-cluster\\[\\d+, *\\d+, *\\d+]"
              + "|spark://.+|yarn|k8s://.+");

  private MasterUrl() {}

  /**
   * Throws unless Spark knows the form of {@code master}.
   *
   * @param master the value of {@code spark.master}
   * @throws ConfException naming the URL and the accepted forms
   */
  public static void check(String master) {
    if (!KNOWN.matcher(master.trim()).matches()) {
      throw new ConfException(
          "--master '"
              + master
              + "' (spark.master) is not a master URL Spark knows: use local, local[N], local[*],"
              + " spark://host:port (standalone), yarn or k8s://https://host:port; nothing was"
              + " run");
    }
  }
}
