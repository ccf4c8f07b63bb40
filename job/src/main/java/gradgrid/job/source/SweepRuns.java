package gradgrid.job.source;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How the CLI reads through the {@code gradgrid} source without loading a conf a second time: the
 * driver hands what it already checked to the source under a one-use token (an option only this JVM
 * can resolve) and reads it as any user reads the source. The sweep hands each chunk (its
 * evaluator, index ranges and statistics accumulator); {@code sql}'s live views hand a whole sweep.
 */
public final class SweepRuns {
  /** The option naming a registered run; not for users (a token is valid in one driver only). */
  static final String OPTION = "gradgrid.run";

  /** The option naming a registered whole sweep; not for users either. */
  static final String SWEEP_OPTION = "gradgrid.sweep";

  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();
  private static final Map<String, Sweep> SWEEPS = new ConcurrentHashMap<>();

  private SweepRuns() {}

  /**
   * What the CLI hands to the source for one chunk.
   *
   * @param spec the checked sweep
   * @param factory the evaluator for every output of the sweep
   * @param ranges the index ranges, one partition each
   * @param stats a registered accumulator for the summary
   */
  record Run(
      SweepSpec spec, EvaluatorFactory factory, List<IndexRange> ranges, ColumnStats stats) {}

  /**
   * A checked sweep read whole, with the registry its function came from (pruning builds kernels of
   * the outputs a query reads).
   *
   * @param spec the checked sweep
   * @param providers the registry
   */
  record Sweep(SweepSpec spec, FunctionProviders providers) {}

  /**
   * A checked sweep as a DataFrame of the {@code gradgrid} source, exactly as option {@code conf}
   * would read its conf file, without loading the conf again.
   *
   * @param spark the session
   * @param spec the checked sweep
   * @param providers the registry its function came from
   * @return the sweep, lazily (nothing runs until an action)
   */
  public static Dataset<Row> read(SparkSession spark, SweepSpec spec, FunctionProviders providers) {
    String token = UUID.randomUUID().toString();
    SWEEPS.put(token, new Sweep(spec, providers));
    try {
      return spark.read().format(GradgridSource.SHORT_NAME).option(SWEEP_OPTION, token).load();
    } finally {
      SWEEPS.remove(token);
    }
  }

  /**
   * Some index ranges of a checked sweep, read through the {@code gradgrid} source: every column,
   * one partition per range, the statistics gathered into {@code stats} as the rows are consumed.
   *
   * @param spark the session
   * @param spec the checked sweep
   * @param factory the evaluator for every output
   * @param ranges the index ranges
   * @param stats a registered accumulator
   * @return the rows, lazily (nothing runs until an action)
   */
  public static Dataset<Row> read(
      SparkSession spark,
      SweepSpec spec,
      EvaluatorFactory factory,
      List<IndexRange> ranges,
      ColumnStats stats) {
    String token = UUID.randomUUID().toString();
    RUNS.put(token, new Run(spec, factory, List.copyOf(ranges), stats));
    try {
      return spark.read().format(GradgridSource.SHORT_NAME).option(OPTION, token).load();
    } finally {
      RUNS.remove(token);
    }
  }

  /**
   * The run a token names.
   *
   * @param token the option's value
   * @return the run
   * @throws IllegalArgumentException if no run of this JVM has the token
   */
  static Run lookup(String token) {
    return found(RUNS.get(token), OPTION);
  }

  /**
   * The whole sweep a token names.
   *
   * @param token the option's value
   * @return the sweep
   * @throws IllegalArgumentException if no sweep of this JVM has the token
   */
  static Sweep lookupSweep(String token) {
    return found(SWEEPS.get(token), SWEEP_OPTION);
  }

  private static <T> T found(T handed, String option) {
    if (handed == null) {
      throw new IllegalArgumentException(
          "option " + option + " is internal to gradgrid's CLI; read a sweep with option conf");
    }
    return handed;
  }
}
