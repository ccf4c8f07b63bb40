package gradgrid.ad.trace;

import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * A truncated Taylor series {@code v(t) = c_0 + c_1 t + c_2 t^2 + ...} of a traced value in Taylor
 * mode: coefficient {@code j} of every element, as a traced value of the value's shape, or null for
 * an exact zero. Coefficients are made order by order, so a rule asking for {@code coeff(j)} gets
 * it once the inputs it depends on reach order {@code j}.
 */
public interface Series {
  /** Coefficient {@code j}, or null for zero; {@code coeff(0)} is never null. */
  Val coeff(int j);

  /** How a Taylor rule obtains the series of a traced expression of other series. */
  interface Context {
    /**
     * The series of {@code f} applied to the values of {@code in}, made order by order alongside
     * them ({@code f} is traced once). Rules use it for the series of a derivative.
     */
    Series of(Function<Val[], Val> f, Series... in);
  }

  /**
   * Coefficient {@code m} of the product series: {@code sum_i op(a_i, b_(m-i))}, the zero terms
   * skipped (Cauchy's product, for any operation bilinear in its two arguments).
   */
  static Val cauchy(int m, Series a, Series b, BinaryOperator<Val> op) {
    Val s = null;
    for (int i = 0; i <= m; i++) {
      Val x = a.coeff(i);
      Val y = x == null ? null : b.coeff(m - i);
      if (y != null) {
        s = Val.addTangents(s, op.apply(x, y));
      }
    }
    return s;
  }

  /**
   * Coefficient {@code m >= 1} of {@code y} where {@code y' = sum_k d_k x_k'} for input series
   * {@code x_k} and the series {@code d_k} of the partial derivatives: {@code y_m = (1/m) sum_k
   * sum_(j=1..m) j x_k,j d_k,(m-j)}, the rule of every smooth elementwise function.
   */
  static Val chain(int m, Series[] x, Series[] d) {
    Val s = null;
    for (int k = 0; k < x.length; k++) {
      for (int j = 1; j <= m; j++) {
        Val xj = x[k].coeff(j);
        Val dj = xj == null ? null : d[k].coeff(m - j);
        if (dj != null) {
          s = Val.addTangents(s, j == 1 ? xj.mul(dj) : xj.mul(dj).mul(j));
        }
      }
    }
    return s == null || m == 1 ? s : s.mul(1.0 / m);
  }
}
