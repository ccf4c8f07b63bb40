package gradgrid.ad.examples;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Loops;
import gradgrid.ad.trace.Val;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Iterative models written with {@link Loops}: ODE solutions by classical RK4, each step one
 * iteration of a loop that is traced once whatever the number of steps. Used by the tests, the loop
 * benchmark and the README; {@link #main} prints the logistic model's sensitivities.
 */
public final class Odes {
  private Odes() {}

  /** One classical Runge-Kutta step of {@code y' = rhs(y)} with step {@code h}. */
  public static Val rk4(Val y, double h, UnaryOperator<Val> rhs) {
    Val k1 = rhs.apply(y);
    Val k2 = rhs.apply(y.add(k1.mul(h / 2)));
    Val k3 = rhs.apply(y.add(k2.mul(h / 2)));
    Val k4 = rhs.apply(y.add(k3.mul(h)));
    return y.add(k1.add(k2.mul(2)).add(k3.mul(2)).add(k4).mul(h / 6));
  }

  /**
   * {@code y(t)} of the logistic equation {@code y' = r y (1 - y)}, {@code y(0) = y0}, by {@code
   * steps} RK4 steps: one loop, or (with {@code unrolled}) the same steps traced one by one, for
   * comparison. Parameters {@code (y0, r)}.
   */
  public static Fn logistic(int steps, double t, boolean unrolled) {
    double h = t / steps;
    return Fn.trace(
        "logistic",
        List.of(Param.scalar("y0"), Param.scalar("r")),
        a -> {
          UnaryOperator<Val> step = y -> rk4(y, h, v -> a[1].mul(v).mul(v.neg().add(1.0)));
          if (!unrolled) {
            return Loops.fori(0, steps, a[0], (i, y) -> step.apply(y));
          }
          Val y = a[0];
          for (int k = 0; k < steps; k++) {
            y = step.apply(y);
          }
          return y;
        });
  }

  /**
   * {@code x(t) y(t)} of the Lotka-Volterra system {@code x' = a x - b x y, y' = d x y - c y} from
   * {@code s0 = (x(0), y(0))}, by {@code steps} RK4 steps over a 2-vector carry. Parameters {@code
   * p = (a, b, c, d)} and {@code s0}.
   */
  public static Fn lotkaVolterra(int steps, double t) {
    double h = t / steps;
    return Fn.trace(
        "lotkaVolterra",
        List.of(new Param("p", Shape.vector(4)), new Param("s0", Shape.vector(2))),
        a -> {
          Val p = a[0];
          UnaryOperator<Val> rhs =
              s -> {
                Val x = s.get(0);
                Val y = s.get(1);
                Val xy = x.mul(y);
                return Val.stack(
                    p.get(0).mul(x).sub(p.get(1).mul(xy)), p.get(3).mul(xy).sub(p.get(2).mul(y)));
              };
          Val s = Loops.fori(0, steps, a[1], (i, c) -> rk4(c, h, rhs));
          return s.get(0).mul(s.get(1));
        });
  }

  /** Prints y(1) of the logistic model by 1,000 RK4 steps and its two sensitivities. */
  public static void main(String[] args) {
    Fn f = logistic(1000, 1.0, false);
    double[] y0 = {0.1};
    double[] r = {1.5};
    double[][] g = AD.grad(f, 0, 1).call(y0, r);
    System.out.println("equations: " + f.eqnCount() + " (one loop of 1000 steps)");
    System.out.println("y(1)       = " + f.call(y0, r)[0][0]);
    System.out.println("dy(1)/dy0  = " + g[0][0]);
    System.out.println("dy(1)/dr   = " + g[1][0]);
  }
}
