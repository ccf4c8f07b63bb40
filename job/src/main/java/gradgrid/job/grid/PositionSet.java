package gradgrid.job.grid;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of positions on one axis, as sorted, disjoint, non-adjacent half-open intervals {@code
 * [start, end)}: what a filter keeps of an axis. Positions number the kept points {@code 0 ..
 * count()-1} in order, so a restricted axis is again a dense axis ({@link Restricted}).
 */
public final class PositionSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] starts;
  private final long[] ends;
  private final long[] before;
  private final long count;

  private PositionSet(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
    this.before = new long[starts.length];
    long n = 0;
    for (int i = 0; i < starts.length; i++) {
      before[i] = n;
      n += ends[i] - starts[i];
    }
    this.count = n;
  }

  /**
   * Every position of an axis of {@code points} points.
   *
   * @param points the axis length
   * @return {@code [0, points)}
   */
  public static PositionSet all(long points) {
    return points == 0 ? none() : new PositionSet(new long[] {0}, new long[] {points});
  }

  /**
   * The empty set.
   *
   * @return no positions
   */
  public static PositionSet none() {
    return new PositionSet(new long[0], new long[0]);
  }

  /**
   * The union of half-open intervals, which may overlap, touch or come in any order.
   *
   * @param intervals pairs {@code {start, end}}; empty ones are dropped
   * @return the set
   */
  public static PositionSet of(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>();
    for (long[] iv : intervals) {
      if (iv[1] > iv[0]) {
        sorted.add(iv);
      }
    }
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] s = new long[sorted.size()];
    long[] e = new long[sorted.size()];
    int n = 0;
    for (long[] iv : sorted) {
      if (n > 0 && iv[0] <= e[n - 1]) {
        e[n - 1] = Math.max(e[n - 1], iv[1]);
      } else {
        s[n] = iv[0];
        e[n] = iv[1];
        n++;
      }
    }
    return new PositionSet(Arrays.copyOf(s, n), Arrays.copyOf(e, n));
  }

  /**
   * Number of positions in the set.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Whether the set is one interval starting at 0 of the given length (nothing filtered out).
   *
   * @param points the axis length
   * @return true if the set is {@code [0, points)}
   */
  public boolean isAll(long points) {
    return starts.length == 1 && starts[0] == 0 && ends[0] == points;
  }

  /**
   * The {@code k}-th position of the set, in increasing order.
   *
   * @param k the rank, {@code 0 <= k < count()}
   * @return the axis position
   */
  public long position(long k) {
    if (starts.length == 1) {
      return starts[0] + k;
    }
    int lo = 0;
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (before[mid] <= k) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return starts[lo] + (k - before[lo]);
  }

  /**
   * The positions in both sets.
   *
   * @param other the other set
   * @return the intersection
   */
  public PositionSet intersect(PositionSet other) {
    List<long[]> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < starts.length && j < other.starts.length) {
      long s = Math.max(starts[i], other.starts[j]);
      long e = Math.min(ends[i], other.ends[j]);
      if (s < e) {
        out.add(new long[] {s, e});
      }
      if (ends[i] < other.ends[j]) {
        i++;
      } else {
        j++;
      }
    }
    return of(out);
  }

  /**
   * The number of intervals (a filter that keeps scattered points has many).
   *
   * @return the interval count
   */
  public int intervals() {
    return starts.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PositionSet p
        && Arrays.equals(starts, p.starts)
        && Arrays.equals(ends, p.ends);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(starts) + Arrays.hashCode(ends);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < starts.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('[').append(starts[i]).append(", ").append(ends[i]);
      sb.append(')');
    }
    return sb.append('}').toString();
  }
}
