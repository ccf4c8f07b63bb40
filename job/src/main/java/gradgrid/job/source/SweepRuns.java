package gradgrid.job.source;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.partitions.IndexRange;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How the CLI sweep reads through the {@code gradgrid} source without loading its conf a second
 * time: the driver hands the already checked sweep, its evaluator, the chunk's index ranges and the
 * statistics accumulator to the source under a one-use token (an option only this JVM can resolve),
 * and reads the chunk as any user reads the source.
 */
public final class SweepRuns {
  /** The option naming a registered run; not for users (a token is valid in one driver only). */
  static final String OPTION = "gradgrid.run";

  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

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
    Run r = RUNS.get(token);
    if (r == null) {
      throw new IllegalArgumentException(
          "option " + OPTION + " is internal to gradgrid's CLI; read a sweep with option conf");
    }
    return r;
  }
}
