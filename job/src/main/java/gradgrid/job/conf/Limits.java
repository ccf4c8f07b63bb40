package gradgrid.job.conf;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.job.partitions.PartitionPlan;
import java.io.Serializable;
import java.util.Set;

/**
 * The sweep's size limits, read from the optional {@code limits} block of the conf. Each has a
 * default that keeps the driver and executors of a small cluster alive; a user raises one with its
 * key. A sweep over a limit is bad input: refused before Spark starts, with the key that raises it.
 *
 * @param maxPartitions the largest explicit {@code partitions} ({@code limits.max-partitions})
 */
public record Limits(int maxPartitions) implements Serializable {
  /** Default of {@code limits.max-partitions}: the driver plans every partition in memory. */
  public static final int DEFAULT_MAX_PARTITIONS = PartitionPlan.MAX_DEFAULT_COUNT;

  /** The limits of a conf without a {@code limits} block. */
  public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_PARTITIONS);

  private static final Set<String> KEYS = Set.of("max-partitions");

  /**
   * Reads the {@code limits} block of a conf.
   *
   * @param root the conf's root object
   * @return the limits, defaults for keys not given
   * @throws ConfException naming the key if a value is not a positive whole number or a key is
   *     unknown
   */
  public static Limits of(ConfigObject root) {
    ConfigValue v = root.get("limits");
    if (v == null) {
      return DEFAULTS;
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw new ConfException(
          SweepConfLoader.at(v)
              + "limits: expected an object like limits { max-partitions = 2000000 }");
    }
    ConfigObject o = (ConfigObject) v;
    SweepConfLoader.checkKeys(o, KEYS, "limits.");
    return new Limits(value(o, "max-partitions", DEFAULT_MAX_PARTITIONS));
  }

  /**
   * Refuses an explicit partition count over {@link #maxPartitions}.
   *
   * @param partitions the conf's {@code partitions}
   * @param at the value's origin prefix for the message ({@code "s.conf:7: "} or empty)
   * @throws ConfException naming {@code partitions} and {@code limits.max-partitions}
   */
  public void checkPartitions(int partitions, String at) {
    if (partitions > maxPartitions) {
      throw new ConfException(
          at
              + "partitions: "
              + partitions
              + " is over the limit of "
              + maxPartitions
              + " (limits.max-partitions, "
              + DEFAULT_MAX_PARTITIONS
              + " by default; the driver plans every partition in memory); use partitions = auto, a smaller"
              + " count, or raise limits.max-partitions");
    }
  }

  /**
   * The value of a string of decimal digits as written in a conf (an order, a vector length), for
   * comparing with a limit.
   *
   * @param digits one or more decimal digits
   * @return the value, or {@link Long#MAX_VALUE} when it does not fit in a long
   */
  public static long parseDigits(String digits) {
    String d = digits.replaceFirst("^0+(?=.)", "");
    return d.length() > 18 ? Long.MAX_VALUE : Long.parseLong(d);
  }

  private static int value(ConfigObject o, String key, int fallback) {
    ConfigValue v = o.get(key);
    return v == null
        ? fallback
        : SweepConfLoader.positiveInt(v, "limits." + key, "a positive integer");
  }
}
