package gradgrid.ad.examples;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.prim.UnaryFn;
import java.util.List;

/**
 * The math library from Java: a traced function using {@code softplus}, {@code erf}, {@code atan2}
 * and {@code stopGradient}, its first and second derivatives (interpreted and jitted), and the
 * stable functions where naive formulas overflow. Run from the README.
 */
public final class MathLibrary {
  private MathLibrary() {}

  /** Prints values and derivatives of {@code g(x) = softplus(3x) erf(x) + atan2(x, 2)}. */
  public static void main(String[] args) {
    Fn g =
        Fn.trace(
            "g",
            List.of(Param.scalar("x")),
            a -> a[0].mul(3.0).softplus().mul(a[0].erf()).add(a[0].atan2(a[0].constant(2.0))));
    double[] x = {0.4};
    System.out.println("g(0.4)        = " + g.callScalar(x));
    System.out.println("g'(0.4)       = " + AD.grad(g).callScalar(x));
    System.out.println("g''(0.4)      = " + AD.grad(AD.grad(g)).callScalar(x));
    System.out.println("jit g''(0.4)  = " + AD.jit(AD.grad(AD.grad(g))).callScalar(x));

    Fn sp = Fn.trace("sp", List.of(Param.scalar("x")), a -> a[0].softplus());
    Fn naive = Fn.trace("naive", List.of(Param.scalar("x")), a -> a[0].exp().add(1.0).log());
    double[] big = {800};
    System.out.println(
        "softplus(800) = " + sp.callScalar(big) + ", d = " + AD.grad(sp).callScalar(big));
    System.out.println(
        "log(1+e^800)  = " + naive.callScalar(big) + ", d = " + AD.grad(naive).callScalar(big));

    Fn stopped = Fn.trace("s", List.of(Param.scalar("x")), a -> a[0].mul(a[0].stopGradient()));
    System.out.println(
        "d/dx x*stopGradient(x) at 3 = " + AD.grad(stopped).callScalar(new double[] {3}));

    Fn cube = Fn.trace("c", List.of(Param.scalar("x")), a -> a[0].apply(UnaryFn.CBRT));
    System.out.println(
        "cbrt(-8) = "
            + cube.callScalar(new double[] {-8})
            + ", equations of grad: "
            + AD.grad(cube).eqnCount());
  }
}
