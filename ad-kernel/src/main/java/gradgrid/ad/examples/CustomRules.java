package gradgrid.ad.examples;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import java.util.List;

/**
 * {@link AD#customJvp} from Java: {@code log1p(exp(x))} with the stable tangent rule {@code
 * sigmoid(x) t}, its derivatives where the traced ones overflow, and a deliberately different rule
 * that every transform visibly follows. Run from the README.
 */
public final class CustomRules {
  private CustomRules() {}

  /** Prints the custom and the traced derivatives side by side. */
  public static void main(String[] args) {
    List<Param> x = List.of(Param.scalar("x"));
    List<Param> xt = List.of(Param.scalar("x"), Param.scalar("t_x"));
    Fn naive = Fn.trace("softplus", x, a -> a[0].exp().log1p());
    Fn sp = AD.customJvp(naive, Fn.trace("rule", xt, a -> a[0].sigmoid().mul(a[1])));
    double[] big = {800};
    System.out.println("traced grad at 800     = " + AD.grad(naive).callScalar(big));
    System.out.println("custom grad at 800     = " + AD.grad(sp).callScalar(big));
    System.out.println("custom hessian at 800  = " + AD.hessian(sp).callScalar(big));
    System.out.println("jit custom grad at 800 = " + AD.jit(AD.grad(sp)).callScalar(big));

    Fn sq = Fn.trace("sq", x, a -> a[0].mul(a[0]));
    Fn cubeRule = Fn.trace("cubeRule", xt, a -> a[0].mul(a[0]).mul(3).mul(a[1]));
    Fn odd = AD.customJvp(sq, cubeRule);
    double[] two = {2};
    System.out.println("x^2 with x^3's rule at 2: value " + odd.callScalar(two));
    System.out.println("  grad " + AD.grad(odd).callScalar(two));
    System.out.println("  hessian " + AD.hessian(odd).callScalar(two));
    double[][] t = AD.taylor(odd, 0, 4).call(two);
    System.out.println(
        "  taylor to order 4 " + List.of(t[0][0], t[1][0], t[2][0], t[3][0], t[4][0]));

    Fn squaredTangent = Fn.trace("squaredTangent", xt, a -> a[1].mul(a[1]));
    try {
      AD.grad(AD.customJvp(sq, squaredTangent));
    } catch (gradgrid.ad.ir.AdException e) {
      System.out.println(e.getMessage());
    }
  }
}
