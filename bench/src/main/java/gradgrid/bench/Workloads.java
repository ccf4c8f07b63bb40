package gradgrid.bench;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The worked example's functions and inputs, shared by the benchmarks. */
final class Workloads {
  private Workloads() {}

  /** Coefficients of P (alpha) and Q (beta), degree 5, as in the seed write-up's scale. */
  static final double[] ALPHA = {0.5, -1.2, 0.3, 0.05, -0.01, 0.0008};

  static final double[] BETA = {0.2, 0.4, -0.3, 0.02, 0.003, -0.0004};

  /** The fixed point of the coefficient sweeps. */
  static final double X0 = 1.7;

  /** f, f', f'' as functions of x alone (forward mode, the cheap direction for one scalar input): alpha and beta bound as literals. */
  static Fn xSweep() {
    Fn f = Rational.of(5, 5);
    Fn fx = Jit.bind(Jit.bind(f, "alpha", ALPHA), "beta", BETA);
    return Fn.concat("f012", fx, AD.derivative(fx, 0, 1), AD.derivative(fx, 0, 2));
  }

  /** The same three outputs with alpha and beta as 12 more input columns (not specialised). */
  static Fn xSweepUnbound() {
    Fn f = Rational.of(5, 5);
    return Fn.concat("f012", f, AD.derivative(f, 0, 1), AD.derivative(f, 0, 2));
  }

  /** df/dalpha and df/dbeta (12 outputs) at x = X0, as functions of (alpha, beta). */
  static Fn coefGrad() {
    return AD.grad(Jit.bind(Rational.of(5, 5), "x", X0), 0, 1);
  }

  /** The 78 unique entries (upper triangle, row-major) of the 12x12 (alpha, beta) Hessian. */
  static Fn coefHessian() {
    Fn h = AD.hessian(Jit.bind(Rational.of(5, 5), "x", X0), 0, 1);
    List<String> names = new ArrayList<>();
    for (int u = 0; u < 12; u++) {
      for (int v = u; v < 12; v++) {
        names.add("h" + u + "_" + v);
      }
    }
    return Fn.traceMany(
        "hess78",
        List.of(Param.vector("alpha", 6), Param.vector("beta", 6)),
        names,
        a -> {
          Val[] blocks = h.apply(a);
          List<Val> out = new ArrayList<>();
          for (int u = 0; u < 12; u++) {
            for (int v = u; v < 12; v++) {
              out.add(blocks[(u / 6) * 2 + v / 6].get(u % 6).get(v % 6));
            }
          }
          return out.toArray(new Val[0]);
        });
  }

  /** A 64 x 64 weight matrix and bias, fixed. */
  static final double[] W64 = columns(1, 64 * 64, -0.2, 0.2, 11)[0];

  static final double[] B64 = columns(1, 64, -0.5, 0.5, 12)[0];

  /** The dense layer tanh(W x + b) with W 64 x 64 and b fixed, as a function of x. */
  static Fn denseLayer() {
    return Fn.trace(
        "dense",
        List.of(Param.vector("x", 64)),
        a -> {
          Val w = new Val(a[0].builder(), new Lit(Shape.matrix(64, 64), W64));
          Val b = new Val(a[0].builder(), new Lit(Shape.vector(64), B64));
          return w.matvec(a[0]).add(b).tanh();
        });
  }

  /** n columns of {@code rows} values uniform in [lo, hi). */
  static double[][] columns(int n, int rows, double lo, double hi, long seed) {
    Random r = new Random(seed);
    double[][] c = new double[n][rows];
    for (double[] col : c) {
      for (int i = 0; i < rows; i++) {
        col[i] = lo + (hi - lo) * r.nextDouble();
      }
    }
    return c;
  }

  /** Coefficient columns: alpha then beta, each perturbed around the sample coefficients. */
  static double[][] coefColumns(int rows) {
    double[][] c = columns(12, rows, -0.5, 0.5, 3);
    for (int i = 0; i < 6; i++) {
      for (int r = 0; r < rows; r++) {
        c[i][r] = ALPHA[i] * (1 + c[i][r]);
        c[6 + i][r] = BETA[i] * (1 + c[6 + i][r]);
      }
    }
    return c;
  }
}
