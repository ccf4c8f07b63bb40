package gradgrid.job.conf;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import gradgrid.ad.Param;
import gradgrid.job.partitions.PartitionPlan;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sweep's size limits, read from the optional {@code limits} block of the conf. Each has a
 * default that keeps the driver and the executors of a small cluster (2 GB each) alive; a user
 * raises one with its key. A sweep over a limit is bad input: refused before Spark starts, with the
 * key that raises it.
 *
 * @param maxDerivativeOrder the highest order of a {@code dkf/dtk} output ({@code
 *     limits.max-derivative-order})
 * @param maxOutputs the most entries in {@code outputs} ({@code limits.max-outputs})
 * @param maxKernelColumns the most scalar columns the one kernel of a sweep computes ({@code
 *     limits.max-kernel-columns})
 * @param maxEquations the most equations of the function the kernel is compiled from ({@code
 *     limits.max-equations})
 * @param maxPartitions the largest explicit {@code partitions} ({@code limits.max-partitions})
 * @param maxInnerPoints the most points of the inner grid of a {@code critical-points} output
 *     ({@code limits.max-inner-points})
 */
public record Limits(
    int maxDerivativeOrder,
    int maxOutputs,
    int maxKernelColumns,
    int maxEquations,
    int maxPartitions,
    int maxInnerPoints)
    implements Serializable {
  /** Default of {@code limits.max-derivative-order}: each order is one more forward-mode pass. */
  public static final int DEFAULT_MAX_DERIVATIVE_ORDER = 32;

  /** Default of {@code limits.max-outputs}. */
  public static final int DEFAULT_MAX_OUTPUTS = 10_000;

  /**
   * Default of {@code limits.max-kernel-columns}: a Hessian of a 500-vector (250,000 columns) runs
   * Janino out of memory in a 2 GB executor.
   */
  public static final int DEFAULT_MAX_KERNEL_COLUMNS = 20_000;

  /**
   * Default of {@code limits.max-equations}: 30,000 equations compile in about 10 s in a 1 GB heap,
   * 150,000 run it out of memory.
   */
  public static final int DEFAULT_MAX_EQUATIONS = 50_000;

  /** Default of {@code limits.max-partitions}: the driver plans every partition in memory. */
  public static final int DEFAULT_MAX_PARTITIONS = PartitionPlan.MAX_DEFAULT_COUNT;

  /**
   * Default of {@code limits.max-inner-points}: each outer row of a {@code critical-points} output
   * evaluates its whole inner grid (a million points take about 0.1 s per row on one core).
   */
  public static final int DEFAULT_MAX_INNER_POINTS = 1_000_000;

  /** The limits of a conf without a {@code limits} block. */
  public static final Limits DEFAULTS =
      new Limits(
          DEFAULT_MAX_DERIVATIVE_ORDER,
          DEFAULT_MAX_OUTPUTS,
          DEFAULT_MAX_KERNEL_COLUMNS,
          DEFAULT_MAX_EQUATIONS,
          DEFAULT_MAX_PARTITIONS,
          DEFAULT_MAX_INNER_POINTS);

  private static final Set<String> KEYS =
      Set.of(
          "max-derivative-order",
          "max-outputs",
          "max-kernel-columns",
          "max-equations",
          "max-partitions",
          "max-inner-points");

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
          ConfValues.at(v)
              + "limits: expected an object like limits { max-derivative-order = 64 }");
    }
    ConfigObject o = (ConfigObject) v;
    ConfValues.checkKeys(o, KEYS, "limits.");
    return new Limits(
        value(o, "max-derivative-order", DEFAULT_MAX_DERIVATIVE_ORDER),
        value(o, "max-outputs", DEFAULT_MAX_OUTPUTS),
        value(o, "max-kernel-columns", DEFAULT_MAX_KERNEL_COLUMNS),
        value(o, "max-equations", DEFAULT_MAX_EQUATIONS),
        value(o, "max-partitions", DEFAULT_MAX_PARTITIONS),
        value(o, "max-inner-points", DEFAULT_MAX_INNER_POINTS));
  }

  /**
   * Refuses an inner grid of a {@code critical-points} output with fewer than 2 points (no pair of
   * neighbours to bracket a sign change) or more than {@link #maxInnerPoints}.
   *
   * @param points the points as written (may exceed an int)
   * @param where the output's key and origin
   * @param text the output as written
   * @throws ConfException naming the output and, when too large, {@code limits.max-inner-points}
   */
  public void checkInnerPoints(long points, String where, String text) {
    if (points < 2) {
      throw new ConfException(
          where
              + ": '"
              + text
              + "': the inner grid needs at least 2 points to bracket a sign change of f'; it has "
              + points);
    }
    if (points > maxInnerPoints) {
      throw new ConfException(
          where
              + ": '"
              + text
              + "': "
              + points
              + " inner points is more than "
              + limit(maxInnerPoints, "max-inner-points", DEFAULT_MAX_INNER_POINTS)
              + "; every row of the grid scans them all: use fewer, or raise"
              + " limits.max-inner-points");
    }
  }

  /**
   * Refuses a derivative order over {@link #maxDerivativeOrder}.
   *
   * @param order the order as written (may exceed an int)
   * @param digits the order as the user wrote it, for the message
   * @param where the output's key and origin ({@code s.conf:3: outputs[0]})
   * @param text the output as written
   * @throws ConfException naming the output and {@code limits.max-derivative-order}
   */
  public void checkOrder(long order, String digits, String where, String text) {
    if (order > maxDerivativeOrder) {
      throw new ConfException(
          where
              + ": '"
              + (text.length() <= 40 ? text : text.substring(0, 20) + "...")
              + "': derivative order "
              + digits
              + " is over the limit of "
              + limit(maxDerivativeOrder, "max-derivative-order", DEFAULT_MAX_DERIVATIVE_ORDER)
              + "; each order is one more forward-mode pass over the function, so the plan grows"
              + " with it; raise limits.max-derivative-order for a higher order");
    }
  }

  /**
   * Refuses more than {@link #maxOutputs} outputs.
   *
   * @param count the number of entries in {@code outputs}
   * @param at the list's origin prefix ({@code "s.conf:7: "} or empty)
   * @throws ConfException naming {@code outputs} and {@code limits.max-outputs}
   */
  public void checkOutputCount(int count, String at) {
    if (count > maxOutputs) {
      throw new ConfException(
          at
              + "outputs: "
              + count
              + " outputs are over the limit of "
              + limit(maxOutputs, "max-outputs", DEFAULT_MAX_OUTPUTS)
              + "; split them over several sweeps or raise limits.max-outputs");
    }
  }

  /**
   * Refuses outputs whose kernel computes more than {@link #maxKernelColumns} scalar columns (an
   * eigenvalue request computes its whole Hessian: n x n columns for n eigenvalues).
   *
   * @param outputs the requested outputs
   * @param params the function's parameters by name
   * @param at the list's origin prefix ({@code "s.conf:7: "} or empty)
   * @throws ConfException naming the largest output and {@code limits.max-kernel-columns}
   */
  public void checkKernelColumns(List<OutputSpec> outputs, Map<String, Param> params, String at) {
    long total = 0;
    long largest = -1;
    String largestName = "";
    for (OutputSpec o : outputs) {
      long n = kernelColumns(o, params);
      total += n;
      if (n > largest) {
        largest = n;
        largestName = o.column();
      }
    }
    if (total > maxKernelColumns) {
      throw new ConfException(
          at
              + "outputs: the kernel would compute "
              + total
              + " scalar columns per row (the largest output, "
              + largestName
              + ", "
              + largest
              + "), over the limit of "
              + limit(maxKernelColumns, "max-kernel-columns", DEFAULT_MAX_KERNEL_COLUMNS)
              + "; a kernel that wide runs the compiler out of memory: split the outputs over"
              + " several sweeps or raise limits.max-kernel-columns (and the executor memory)");
    }
  }

  /**
   * Refuses a function of more than {@link #maxEquations} equations.
   *
   * @param equations the equation count of the function the kernel would be compiled from
   * @param what the function, for the message
   * @throws ConfException naming {@code limits.max-equations}
   */
  public void checkEquations(int equations, String what) {
    if (equations > maxEquations) {
      throw new ConfException(
          what
              + " has "
              + equations
              + " equations after the AD transforms, over the limit of "
              + limit(maxEquations, "max-equations", DEFAULT_MAX_EQUATIONS)
              + "; a kernel that large needs gigabytes of heap to compile: simplify the function,"
              + " split the outputs over several sweeps or raise limits.max-equations (and the"
              + " executor memory)");
    }
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
              + limit(maxPartitions, "max-partitions", DEFAULT_MAX_PARTITIONS)
              + "; the driver plans every partition in memory: use partitions = auto, a smaller"
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

  /** Scalar columns the kernel computes for one output, in a long (a Hessian may overflow int). */
  private static long kernelColumns(OutputSpec o, Map<String, Param> params) {
    long n = 1;
    for (int d : o.dims(params)) {
      n *= d;
    }
    return o instanceof OutputSpec.Eigenvalues ? n * n : n;
  }

  private static String limit(int value, String key, int fallback) {
    return value + " (limits." + key + ", " + fallback + " by default)";
  }

  private static int value(ConfigObject o, String key, int fallback) {
    ConfigValue v = o.get(key);
    return v == null ? fallback : ConfValues.positiveInt(v, "limits." + key, "a positive integer");
  }
}
