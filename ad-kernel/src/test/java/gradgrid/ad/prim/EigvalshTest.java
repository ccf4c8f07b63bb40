package gradgrid.ad.prim;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.linalg.Jacobi;
import gradgrid.ad.testing.RationalClosedForm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-point curvature of the worked example: the eigenvalues of its 6x6 beta-Hessian, computed in a
 * compiled kernel, against Jacobi on the closed-form Hessian.
 */
class EigvalshTest {
  @Test
  void minAndMaxCurvatureOfTheBetaHessianMatchTheClosedForm() {
    Fn f = Rational.of(5, 5);
    Fn h = AD.hessian(f, 2);
    Fn curv =
        Fn.traceMany(
            "curvature",
            f.params(),
            List.of("min", "max"),
            a -> {
              var w = h.apply(a)[0].eigvalsh();
              return new gradgrid.ad.trace.Val[] {w.get(0), w.get(5)};
            });
    Kernel k = Jit.compile(curv);
    double[] alpha = {0.5, -1.2, 0.3, 0.05, -0.01, 0.0008};
    double[] beta = {0.2, 0.4, -0.3, 0.02, 0.003, -0.0004};
    for (double x : new double[] {-2, -0.5, 0, 0.7, 1.9}) {
      RationalClosedForm c = new RationalClosedForm(x, alpha, beta);
      double[] hb = new double[36];
      double scale = 0;
      for (int j = 0; j < 6; j++) {
        for (int l = 0; l < 6; l++) {
          // d2f/dbeta_j dbeta_l = 2 P x^(j+l) (3 Q^2 - 1) / D^3
          hb[j * 6 + l] = c.dBetaBeta(j, l);
          scale = Math.max(scale, Math.abs(hb[j * 6 + l]));
        }
      }
      double[] w = Jacobi.eigenvalues(hb, 6);
      double[][] got = k.call(new double[] {x}, alpha, beta);
      assertClose(w[0], got[0][0], 1e-10, scale, "min curvature at x=" + x);
      assertClose(w[5], got[1][0], 1e-10, scale, "max curvature at x=" + x);
      assertEquals(curv.call(new double[] {x}, alpha, beta)[1][0], got[1][0], 0.0);
    }
  }
}
