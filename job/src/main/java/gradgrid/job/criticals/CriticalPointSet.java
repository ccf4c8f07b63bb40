package gradgrid.job.criticals;

/**
 * The counted extrema of f along the inner grid at one outer row, ascending in x: maxima and minima
 * together, told apart by the sign of f''. Critical points in flat regions ({@code
 * CriticalPoint#counted} false) are not in it.
 *
 * @param maxima how many maxima (f'' < 0)
 * @param minima how many minima (f'' > 0)
 * @param x where f' = 0, ascending
 * @param f f at each x
 * @param d2fSign the sign of f'' at each x: -1 for a maximum, +1 for a minimum
 * @param minAbsD2f the smallest |f''| at a counted extremum (near 0 when a fold is near), NaN when
 *     there is none
 */
public record CriticalPointSet(
    int maxima, int minima, double[] x, double[] f, int[] d2fSign, double minAbsD2f) {
  /**
   * Copies the arrays.
   *
   * @param maxima how many maxima
   * @param minima how many minima
   * @param x where f' = 0
   * @param f f there
   * @param d2fSign the signs of f'' there
   * @param minAbsD2f the smallest |f''|, or NaN
   */
  public CriticalPointSet {
    x = x.clone();
    f = f.clone();
    d2fSign = d2fSign.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] f() {
    return f.clone();
  }

  @Override
  public int[] d2fSign() {
    return d2fSign.clone();
  }

  /**
   * Number of extrema, maxima and minima together.
   *
   * @return the count
   */
  public int count() {
    return maxima + minima;
  }
}
