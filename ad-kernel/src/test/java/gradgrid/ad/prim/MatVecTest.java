package gradgrid.ad.prim;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MatVec with MatT and Outer (its transpose rules): derivatives of a dense layer against central
 * finite differences, the batched kernel path (fused loops and dgemm) against the interpreter, and
 * Eigvalsh refusing to be differentiated.
 */
class MatVecTest {
  private static final Random R = new Random(42);

  /** sum(tanh(W x + b)) with W and x as arguments. */
  private static Fn layer(int m, int n) {
    return Fn.trace(
        "layer",
        List.of(new Param("W", Shape.matrix(m, n)), Param.vector("x", n), Param.vector("b", m)),
        a -> a[0].matvec(a[1]).add(a[2]).tanh().sum());
  }

  private static double[] rand(int n) {
    return R.doubles(n, -1, 1).toArray();
  }

  @Test
  void gradientsOfADenseLayerMatchFiniteDifferences() {
    int m = 4;
    int n = 3;
    Fn f = layer(m, n);
    Fn g = AD.grad(f, 0, 1);
    double[][] p = {rand(m * n), rand(n), rand(m)};
    double[][] grads = g.call(p);
    for (int arg = 0; arg < 2; arg++) {
      for (int k = 0; k < p[arg].length; k++) {
        double h = 1e-6;
        double[][] up = {p[0].clone(), p[1].clone(), p[2]};
        double[][] down = {p[0].clone(), p[1].clone(), p[2]};
        up[arg][k] += h;
        down[arg][k] -= h;
        double fd = (f.callScalar(up) - f.callScalar(down)) / (2 * h);
        assertClose(fd, grads[arg][k], 1e-7, 1, "d layer / d arg" + arg + "[" + k + "]");
      }
    }
  }

  @Test
  void transposeRulesSatisfyTheDotProductIdentity() {
    // <v, J u> = <J^T v, u> for the linear map x -> W x, checked through jvp and vjp
    Fn f =
        Fn.trace(
            "Wx",
            List.of(new Param("W", Shape.matrix(3, 5)), Param.vector("x", 5)),
            a -> a[0].matvec(a[1]));
    double[] w = rand(15);
    double[] x = rand(5);
    double[] u = rand(5);
    double[] v = rand(3);
    double[] ju = AD.jvp(f, 1).call(w, x, u)[1];
    double[] jtv = AD.vjp(f, 1).call(w, x, v)[0];
    double lhs = 0;
    double rhs = 0;
    for (int i = 0; i < 3; i++) {
      lhs += v[i] * ju[i];
    }
    for (int k = 0; k < 5; k++) {
      rhs += jtv[k] * u[k];
    }
    assertClose(lhs, rhs, 1e-14, 1, "<v, J u> = <J^T v, u>");
  }

  /** tanh(W x + b) with W a constant: the shape a sweep compiles to a batched step. */
  static Fn constantLayer(double[] w, int m, int n) {
    return Fn.trace(
        "dense",
        List.of(Param.vector("x", n), Param.vector("b", m)),
        a -> new Val(a[0].builder(), new Lit(Shape.matrix(m, n), w)).matvec(a[0]).add(a[1]).tanh());
  }

  @Test
  void batchedConstantMatVecMatchesTheInterpreter() {
    int m = 16;
    int n = 16;
    Fn f = constantLayer(rand(m * n), m, n);
    int rows = 600;
    double[][] in = new double[n + m][];
    for (int c = 0; c < in.length; c++) {
      in[c] = rand(rows);
    }
    for (String threshold : new String[] {"1073741824", "1"}) {
      // first the fused loops (bit-identical), then dgemm for every size (equal to rounding)
      System.setProperty("gradgrid.dgemm.minElements", threshold);
      try {
        Kernel k = Jit.compileUncached(f.graph());
        assertTrue(k.source().contains("MatVecStep"), "batched path expected");
        double[][] out = new double[m][rows];
        k.run(in, out, 0, rows);
        for (int r = 0; r < rows; r += 37) {
          double[] x = new double[n];
          double[] b = new double[m];
          for (int c = 0; c < n; c++) {
            x[c] = in[c][r];
          }
          for (int c = 0; c < m; c++) {
            b[c] = in[n + c][r];
          }
          double[] y = f.call(x, b)[0];
          for (int i = 0; i < m; i++) {
            if (threshold.equals("1")) {
              assertClose(y[i], out[i][r], 1e-13, 1, "dgemm row " + r);
            } else {
              assertEquals(y[i], out[i][r], 0.0, "fused row " + r);
            }
          }
        }
      } finally {
        System.clearProperty("gradgrid.dgemm.minElements");
      }
    }
  }

  @Test
  void eigvalshIsAnOutputButNotDifferentiable() {
    Fn f =
        Fn.trace(
            "curv", List.of(Param.vector("c", 2)), a -> Val.outer(a[0], a[0]).eigvalsh().get(1));
    // outer(c, c) has eigenvalues 0 and |c|^2
    assertEquals(25.0, f.callScalar(new double[] {3, 4}), 1e-12);
    assertEquals(25.0, Jit.compile(f).call(new double[] {3, 4})[0][0], 1e-12);
    AdException e = assertThrows(AdException.class, () -> AD.grad(f));
    assertTrue(e.getMessage().contains("eigvalsh is not differentiable"), e.getMessage());
    assertFalse(Primitives.ALL.stream().noneMatch(p -> p instanceof Eigvalsh));
  }
}
