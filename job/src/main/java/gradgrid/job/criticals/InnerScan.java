package gradgrid.job.criticals;

import gradgrid.ad.compile.Kernel;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.grid.Linspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One task's scanner of a {@code critical-points} output: for one outer row at a time, evaluates
 * the compiled {@code f'} over the inner grid in batches, brackets its sign changes by {@link
 * SignRule} as it goes (nothing of the inner grid is kept; blocks {@link #oneSignNoDip} clears are
 * skipped whole), splits dips of |f'| that hide a pair of zeros inside one cell, then refines each
 * bracket with {@link Newton} on {@code f'} and {@code f''} from the compiled refinement kernel,
 * and keeps the counted extrema ({@link CriticalPoint#counted}). Used by one thread.
 */
public final class InnerScan {
  /** Inner points per kernel call. */
  static final int BATCH = 4096;

  /** Points per block that {@link #oneSignNoDip} clears at once. */
  static final int BLOCK = 64;

  /** The bits of {@link Double#MAX_VALUE}, the largest finite magnitude. */
  private static final long LARGEST_FINITE = Double.doubleToRawLongBits(Double.MAX_VALUE);

  private final double[] grid;
  private final Kernel scan;
  private final Kernel point;
  private final int inner;
  private final double[][] in;
  private final double[][] out;
  private final double[][] in1;
  private final double[][] out1;
  private final List<Bracket> brackets = new ArrayList<>();
  private final List<Bracket> dips = new ArrayList<>();
  private double atX = Double.NaN;
  private long evaluations;
  private long hiddenPairs;

  InnerScan(OutputSpec.CriticalPoints spec, Kernel scan, Kernel point, int inner) {
    // The inner grid's values, computed once: the same doubles as an axis of the same linspace.
    this.grid = new double[spec.points()];
    new Linspace(new AxisInput.Whole(spec.param()), spec.from(), spec.to(), spec.points())
        .fill(0, grid, 0, spec.points());
    this.scan = scan;
    this.point = point;
    this.inner = inner;
    int batch = Math.min(BATCH, spec.points());
    this.in = new double[scan.inputWidth()][batch];
    this.out = new double[scan.outputWidth()][batch + 2];
    this.in1 = new double[point.inputWidth()][1];
    this.out1 = new double[point.outputWidth()][1];
  }

  /**
   * The counted extrema of f along the inner grid at one outer row.
   *
   * @param outer the row's axis coordinates, in grid order
   * @return the extrema, ascending in x
   */
  public CriticalPointSet scan(double[] outer) {
    brackets.clear();
    dips.clear();
    int batch = in[0].length;
    for (int c = 0, a = 0; c < in.length; c++) {
      if (c != inner) {
        Arrays.fill(in[c], outer[a]);
        in1[c][0] = outer[a++];
      }
    }
    atX = Double.NaN;
    // d[k + 2] is f' at inner point first + k of the batch; d[0] and d[1] carry the last two
    // points of the batch before, so the rule at point i sees f' at i - 1, i and i + 1 as d[k - 1],
    // d[k], d[k + 1] with i = first + k - 2.
    double[] d = out[0];
    double[] xs = in[inner];
    for (int first = 0; first < grid.length; first += batch) {
      int n = Math.min(batch, grid.length - first);
      System.arraycopy(grid, first, xs, 0, n);
      scan.run(in, 0, out, 2, n);
      int k = first == 0 ? 3 : 1;
      for (; k + BLOCK <= n + 1; k += BLOCK) {
        if (!oneSignNoDip(d, k - 1, k + BLOCK)) {
          points(d, first, k, k + BLOCK);
        }
      }
      points(d, first, k, n + 1);
      d[0] = d[n];
      d[1] = d[n + 1];
    }
    int last = grid.length - 1;
    bracket(grid[last - 1], d[0], grid[last], d[1], Double.NaN, Double.NaN);
    evaluations += grid.length;
    splitDips();
    return refine();
  }

  /**
   * Applies the bracketing rule at the batch's points {@code from} to {@code to - 1}: point k is
   * inner point {@code first + k - 2}, and f' at it and its neighbours is {@code d[k - 1..k + 1]}.
   */
  private void points(double[] d, int first, int from, int to) {
    for (int k = from; k < to; k++) {
      double p = d[k - 1];
      double c = d[k];
      double q = d[k + 1];
      // The common case first: one sign throughout and no dip of |f'| (NaN and products that
      // underflow to 0 take the full rule); non-short-circuit operators leave one branch.
      if (!(p * c > 0 & c * q > 0 & (Math.abs(c) >= Math.abs(p) | Math.abs(c) > Math.abs(q)))) {
        int i = first + k - 2;
        bracket(grid[i - 1], p, grid[i], c, grid[i + 1], q);
      }
    }
  }

  /**
   * Whether {@code d[lo..hi]} all have one sign, are finite and nonzero, and |d| is non-decreasing
   * or strictly decreasing throughout: then the rule brackets nothing at the points between (no
   * sign change, no zero, no dip of |f'|), and the block is skipped. Exact, with integer operations
   * only: XOR with the first value's sign bit maps each value of that sign to the bits of its
   * magnitude, and the bits of finite non-negative doubles order as their values do.
   */
  static boolean oneSignNoDip(double[] d, int lo, int hi) {
    long sign = Double.doubleToRawLongBits(d[lo]) & Long.MIN_VALUE;
    long outside = 0;
    long up = 0;
    long down = -1;
    long prev = Double.doubleToRawLongBits(d[lo]) ^ sign;
    outside |= (prev - 1) | (LARGEST_FINITE - prev);
    for (int i = lo + 1; i <= hi; i++) {
      long u = Double.doubleToRawLongBits(d[i]) ^ sign;
      // negative unless 1 <= u <= LARGEST_FINITE: the value is nonzero, finite and of the sign
      outside |= (u - 1) | (LARGEST_FINITE - u);
      long step = u - prev;
      up |= step;
      down &= step;
      prev = u;
    }
    return outside >= 0 && (up >= 0 || down < 0);
  }

  private void bracket(double px, double pd, double x, double d, double nx, double nd) {
    switch (SignRule.at(pd, d, nd)) {
      case SignRule.CELL -> brackets.add(new Bracket(px, x, pd, d));
      case SignRule.POINT -> brackets.add(new Bracket(x, x, 0, 0));
      default -> {
        if (Math.signum(pd) == Math.signum(d)
            && Math.signum(d) == Math.signum(nd)
            && Math.abs(d) < Math.abs(pd)
            && Math.abs(d) <= Math.abs(nd)) {
          dips.add(new Bracket(px, nx, pd, nd));
        }
      }
    }
  }

  /**
   * A dip of |f'| towards 0 between two neighbours of the same sign may hide two zeros of f' inside
   * the grid's cells: the extremum of f' there is the zero of f'' (Newton on f'' with f'''), and
   * when f' has the other sign at it the dip becomes two brackets.
   */
  private void splitDips() {
    for (Bracket dip : dips) {
      double lo = dip.left();
      double hi = dip.right();
      double g2lo = d2(lo);
      double g2hi = d2(hi);
      if (!(Math.signum(g2lo) * Math.signum(g2hi) < 0)) {
        continue;
      }
      double m = Newton.refine(this::d2, this::d3, new Bracket(lo, hi, g2lo, g2hi));
      double gm = d1(m);
      if (Math.signum(gm) * Math.signum(dip.dLeft()) < 0) {
        brackets.add(new Bracket(lo, m, dip.dLeft(), gm));
        brackets.add(new Bracket(m, hi, gm, dip.dRight()));
        hiddenPairs++;
      }
    }
    brackets.sort((a, b) -> Double.compare(a.left(), b.left()));
  }

  private CriticalPointSet refine() {
    int k = 0;
    double[] xs = new double[brackets.size()];
    double[] fs = new double[xs.length];
    int[] signs = new int[xs.length];
    int maxima = 0;
    double minAbs = Double.NaN;
    for (Bracket b : brackets) {
      double r = Newton.refine(this::d1, this::d2, b);
      CriticalPoint p =
          new CriticalPoint(r, f(r), d1(r), d2(r), Math.abs(d1(r)) < Newton.TOLERANCE);
      if (!p.counted()) {
        continue;
      }
      xs[k] = r;
      fs[k] = p.f();
      signs[k] = p.d2() < 0 ? -1 : 1;
      maxima += p.d2() < 0 ? 1 : 0;
      minAbs = Double.isNaN(minAbs) ? Math.abs(p.d2()) : Math.min(minAbs, Math.abs(p.d2()));
      k++;
    }
    return new CriticalPointSet(
        maxima,
        k - maxima,
        Arrays.copyOf(xs, k),
        Arrays.copyOf(fs, k),
        Arrays.copyOf(signs, k),
        minAbs);
  }

  /**
   * f and f' along the inner grid at one outer row, from the refinement kernel, at every k-th inner
   * point and the last, k the smallest that keeps them within {@code most}: the profile the figures
   * mark that row's extrema on. Runs in batches, so its memory is the profile's whatever the inner
   * grid's size.
   *
   * @param outer the row's axis coordinates, in grid order
   * @param most the most points wanted (at least 2)
   * @return {@code {x, f, f'}} at no more than {@code most} inner points, ascending in x
   */
  public double[][] profile(double[] outer, int most) {
    int n = grid.length;
    int step = Math.max(1, (n - 1 + most - 2) / (most - 1));
    int[] at =
        IntStream.concat(IntStream.iterate(0, i -> i < n, i -> i + step), IntStream.of(n - 1))
            .distinct()
            .toArray();
    int batch = Math.min(BATCH, at.length);
    double[][] columns = new double[in1.length][batch];
    for (int c = 0, a = 0; c < columns.length; c++) {
      if (c != inner) {
        Arrays.fill(columns[c], outer[a++]);
      }
    }
    double[][] values = new double[out1.length][batch];
    double[][] p = new double[3][at.length];
    for (int first = 0; first < at.length; first += batch) {
      int m = Math.min(batch, at.length - first);
      for (int k = 0; k < m; k++) {
        columns[inner][k] = grid[at[first + k]];
      }
      point.run(columns, values, 0, m);
      System.arraycopy(columns[inner], 0, p[0], first, m);
      System.arraycopy(values[0], 0, p[1], first, m);
      System.arraycopy(values[1], 0, p[2], first, m);
    }
    return p;
  }

  /**
   * Pairs of zeros of f' found inside single cells of the inner grid so far (no sign change at the
   * grid points; found from a dip of |f'| by {@link #splitDips}).
   *
   * @return the count
   */
  public long hiddenPairs() {
    return hiddenPairs;
  }

  /**
   * Inner points evaluated by the scan so far (the refinement's evaluations not included).
   *
   * @return the count
   */
  public long evaluations() {
    return evaluations;
  }

  private double f(double x) {
    return at(x)[0][0];
  }

  private double d1(double x) {
    return at(x)[1][0];
  }

  private double d2(double x) {
    return at(x)[2][0];
  }

  private double d3(double x) {
    return at(x)[3][0];
  }

  /** f, f', f'' at x for the current row, evaluated once per x. */
  private double[][] at(double x) {
    if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(atX)) {
      in1[inner][0] = x;
      point.run(in1, out1, 0, 1);
      atX = x;
    }
    return out1;
  }
}
