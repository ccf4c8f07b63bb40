package gradgrid.job.source;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.DoublePredicate;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;

/**
 * Turns Spark's filters on axis columns into conditions per axis ({@link AxisPredicate}), or says
 * that a filter cannot be pushed. Only what the grid can answer exactly is pushed: comparisons,
 * {@code =}, {@code <=>}, {@code IN} (and {@code BETWEEN}, which Spark splits into two comparisons)
 * with numeric constants, null tests, and {@code AND}, {@code OR}, {@code NOT} of those as long as
 * an {@code OR} or {@code NOT} stays on one axis. A filter on an output column, a NaN constant
 * (Spark orders NaN above every number, Java's comparisons do not) or a non-numeric constant is
 * left for Spark to evaluate.
 */
final class FilterPushdown {
  private final Map<String, Integer> axes;

  /**
   * A translator for a grid's axis columns.
   *
   * @param axes axis column name to axis index
   */
  FilterPushdown(Map<String, Integer> axes) {
    this.axes = axes;
  }

  /**
   * The filter as conditions on axes, all of which must hold (an empty map keeps every row).
   *
   * @param f a filter Spark offers
   * @return the conditions by axis index, or empty if the filter cannot be pushed exactly
   */
  Optional<Map<Integer, AxisPredicate>> translate(Filter f) {
    if (f instanceof And a) {
      return both(translate(a.left()), translate(a.right()));
    } else if (f instanceof Or o) {
      return oneAxis(translate(o.left()), translate(o.right()), AxisPredicate::or);
    } else if (f instanceof Not n) {
      return translate(n.child()).flatMap(FilterPushdown::negateOne);
    } else if (f instanceof IsNotNull n) {
      return atom(n.attribute(), v -> true);
    } else if (f instanceof IsNull n) {
      return atom(n.attribute(), v -> false);
    } else if (f instanceof EqualTo e) {
      return compare(e.attribute(), e.value(), Op.EQ);
    } else if (f instanceof EqualNullSafe e) {
      return compare(e.attribute(), e.value(), Op.EQ);
    } else if (f instanceof GreaterThan g) {
      return compare(g.attribute(), g.value(), Op.GT);
    } else if (f instanceof GreaterThanOrEqual g) {
      return compare(g.attribute(), g.value(), Op.GE);
    } else if (f instanceof LessThan l) {
      return compare(l.attribute(), l.value(), Op.LT);
    } else if (f instanceof LessThanOrEqual l) {
      return compare(l.attribute(), l.value(), Op.LE);
    } else if (f instanceof In in) {
      return in(in.attribute(), in.values());
    }
    return Optional.empty();
  }

  private enum Op {
    EQ,
    GT,
    GE,
    LT,
    LE
  }

  private Optional<Map<Integer, AxisPredicate>> compare(String column, Object value, Op op) {
    Optional<Double> c = constant(value);
    if (c.isEmpty() || !axes.containsKey(column)) {
      return Optional.empty();
    }
    double k = c.get();
    AxisPredicate p =
        new AxisPredicate(
            axes.get(column),
            switch (op) {
              case EQ -> v -> v == k;
              case GT -> v -> v > k;
              case GE -> v -> v >= k;
              case LT -> v -> v < k;
              case LE -> v -> v <= k;
            },
            new double[] {k});
    return Optional.of(Map.of(p.axis(), p));
  }

  private Optional<Map<Integer, AxisPredicate>> in(String column, Object[] values) {
    if (!axes.containsKey(column)) {
      return Optional.empty();
    }
    double[] ks = new double[values.length];
    for (int i = 0; i < ks.length; i++) {
      Optional<Double> c = constant(values[i]);
      if (c.isEmpty()) {
        return Optional.empty();
      }
      ks[i] = c.get();
    }
    Set<Double> set = new HashSet<>();
    for (double k : ks) {
      set.add(k == 0 ? 0.0 : k); // -0.0 = 0.0 in SQL
    }
    AxisPredicate p = new AxisPredicate(axes.get(column), v -> set.contains(v == 0 ? 0.0 : v), ks);
    return Optional.of(Map.of(p.axis(), p));
  }

  private Optional<Map<Integer, AxisPredicate>> atom(String column, DoublePredicate test) {
    if (!axes.containsKey(column)) {
      return Optional.empty();
    }
    AxisPredicate p = new AxisPredicate(axes.get(column), test, new double[0]);
    return Optional.of(Map.of(p.axis(), p));
  }

  /** A number Java compares as SQL does: a finite or infinite double, float or integer. */
  private static Optional<Double> constant(Object value) {
    double d;
    if (value instanceof Double v) {
      d = v;
    } else if (value instanceof Float v) {
      d = v;
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      d = ((Number) value).doubleValue();
    } else if (value instanceof Long v && Math.abs(v) <= (1L << 53)) {
      d = v;
    } else {
      return Optional.empty();
    }
    return Double.isNaN(d) ? Optional.empty() : Optional.of(d);
  }

  private static Optional<Map<Integer, AxisPredicate>> both(
      Optional<Map<Integer, AxisPredicate>> a, Optional<Map<Integer, AxisPredicate>> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, AxisPredicate> m = new HashMap<>(a.get());
    b.get().forEach((axis, p) -> m.merge(axis, p, AxisPredicate::and));
    return Optional.of(m);
  }

  private static Optional<Map<Integer, AxisPredicate>> oneAxis(
      Optional<Map<Integer, AxisPredicate>> a,
      Optional<Map<Integer, AxisPredicate>> b,
      BinaryOperator<AxisPredicate> op) {
    if (a.isEmpty()
        || b.isEmpty()
        || a.get().size() != 1
        || !a.get().keySet().equals(b.get().keySet())) {
      return Optional.empty();
    }
    int axis = a.get().keySet().iterator().next();
    return Optional.of(Map.of(axis, op.apply(a.get().get(axis), b.get().get(axis))));
  }

  private static Optional<Map<Integer, AxisPredicate>> negateOne(Map<Integer, AxisPredicate> m) {
    if (m.size() != 1) {
      return Optional.empty();
    }
    AxisPredicate p = m.values().iterator().next();
    return Optional.of(Map.of(p.axis(), p.negate()));
  }
}
