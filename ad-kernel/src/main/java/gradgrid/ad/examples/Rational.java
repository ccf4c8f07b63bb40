package gradgrid.ad.examples;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.trace.Val;
import java.util.List;

/**
 * The worked example {@code f(x, alpha, beta) = P(x) / (1 + Q(x)^2)} with {@code P = sum alpha_i
 * x^i} and {@code Q = sum beta_j x^j}, traced the way the reference writes it.
 */
public final class Rational {
  private Rational() {}

  /** The function with {@code deg(P) = degP} and {@code deg(Q) = degQ}. */
  public static Fn of(int degP, int degQ) {
    return Fn.trace(
        "f",
        List.of(Param.scalar("x"), Param.vector("alpha", degP + 1), Param.vector("beta", degQ + 1)),
        a -> {
          // P before Q, in reading order as the reference (and the text form) evaluates them;
          // the order of the trace fixes the order in which reverse mode sums cotangents.
          Val x = a[0];
          Val p = Val.poly(a[1], x);
          Val q = Val.poly(a[2], x);
          return p.div(q.pow(2).add(1.0));
        });
  }
}
