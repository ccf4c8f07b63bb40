package gradgrid.ad.examples;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import java.util.Arrays;

/**
 * The reference write-up's steps in Java: f, grad, grad of grad, argnums 1 and 2 and the
 * coefficient Hessian, printed at one point with the graph sizes. Run it with {@code mvn -q -pl
 * ad-kernel exec:java} or from the README.
 */
public final class WorkedExample {
  private WorkedExample() {}

  /** Prints the worked example's values and derivatives at x = 0.7. */
  public static void main(String[] args) {
    Fn f = Rational.of(5, 5);
    Fn df = AD.grad(f); // d/dx
    Fn d2f = AD.grad(AD.grad(f)); // d2/dx2
    Fn dAlpha = AD.grad(f, 1); // df/dalpha, a 6-vector
    Fn dBeta = AD.grad(f, 2); // df/dbeta
    Fn h = AD.hessian(f, 1, 2); // blocks aa, ab, ba, bb

    double[] x = {0.7};
    double[] alpha = {0.5, -1.2, 0.3, 0.05, -0.01, 0.0008};
    double[] beta = {0.2, 0.4, -0.3, 0.02, 0.003, -0.0004};
    System.out.println("f        = " + f.callScalar(x, alpha, beta));
    System.out.println("f'       = " + df.callScalar(x, alpha, beta));
    System.out.println("f''      = " + d2f.callScalar(x, alpha, beta));
    System.out.println("df/dalpha = " + Arrays.toString(dAlpha.call(x, alpha, beta)[0]));
    System.out.println("df/dbeta  = " + Arrays.toString(dBeta.call(x, alpha, beta)[0]));
    double[] ab = h.call(x, alpha, beta)[1];
    System.out.println("d2f/dalpha_0 dbeta_j = " + Arrays.toString(Arrays.copyOf(ab, 6)));
    System.out.printf(
        "equations: f %d, grad f %d, grad grad f %d, grad_alpha %d, grad_beta %d, hessian(alpha, beta) %d%n",
        f.eqnCount(),
        df.eqnCount(),
        d2f.eqnCount(),
        dAlpha.eqnCount(),
        dBeta.eqnCount(),
        h.eqnCount());
  }
}
