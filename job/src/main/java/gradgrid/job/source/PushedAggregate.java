package gradgrid.job.source;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Count;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.connector.expressions.aggregate.Max;
import org.apache.spark.sql.connector.expressions.aggregate.Min;
import org.apache.spark.sql.connector.expressions.aggregate.Sum;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One aggregate a task computes over its rows, so Spark receives one row per partition instead of
 * every row: {@code count(*)}, and {@code count}, {@code sum}, {@code min}, {@code max} of a scalar
 * column. Spark merges the partitions' values (the push-down is partial).
 *
 * @param kind which aggregate
 * @param column the column it reads, or null for {@code count(*)}
 */
record PushedAggregate(Kind kind, String column) implements Serializable {
  /** The aggregates a task can compute. */
  enum Kind {
    /** Rows (columns are never null, so {@code count(col)} is this too). */
    COUNT,
    /** Sum of a double column, in row order. */
    SUM,
    /** Smallest value, NaN only when every value is NaN (Spark orders NaN last). */
    MIN,
    /** Largest value, NaN when any value is NaN. */
    MAX
  }

  /**
   * The aggregate Spark offers, if a task can compute it.
   *
   * @param f Spark's aggregate
   * @return the pushed aggregate, or empty (distinct, other functions, expressions)
   */
  static Optional<PushedAggregate> of(AggregateFunc f) {
    if (f instanceof CountStar) {
      return Optional.of(new PushedAggregate(Kind.COUNT, null));
    } else if (f instanceof Count c && !c.isDistinct()) {
      return column(c.column()).map(n -> new PushedAggregate(Kind.COUNT, n));
    } else if (f instanceof Sum s && !s.isDistinct()) {
      return column(s.column()).map(n -> new PushedAggregate(Kind.SUM, n));
    } else if (f instanceof Min m) {
      return column(m.column()).map(n -> new PushedAggregate(Kind.MIN, n));
    } else if (f instanceof Max m) {
      return column(m.column()).map(n -> new PushedAggregate(Kind.MAX, n));
    }
    return Optional.empty();
  }

  private static Optional<String> column(Expression e) {
    if (e instanceof NamedReference r && r.fieldNames().length == 1) {
      return Optional.of(r.fieldNames()[0]);
    }
    return Optional.empty();
  }

  /**
   * The type of the partial value Spark receives.
   *
   * @return long for counts, double otherwise
   */
  DataType type() {
    return kind == Kind.COUNT ? DataTypes.LongType : DataTypes.DoubleType;
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + "(" + (column == null ? "*" : column) + ")";
  }
}
