package gradgrid.ad.transform;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.examples.Odes;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.Loop;
import gradgrid.ad.trace.Loops;
import gradgrid.ad.trace.Val;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loops through every transform, against independent oracles: the logistic ODE's closed form and
 * its derivatives (to RK4's accuracy), central differences of the same loop, forward against
 * reverse mode, Chebyshev polynomials against {@code cos(n acos x)} and {@code n U_(n-1)}, and the
 * same function unrolled at trace time.
 */
class LoopTransformsTest {
  private static final Param Y0 = new Param("y0", Shape.SCALAR);

  static Fn logistic(int steps, double t) {
    return Odes.logistic(steps, t, false);
  }

  static Fn logisticUnrolled(int steps, double t) {
    return Odes.logistic(steps, t, true);
  }

  @Test
  void logisticOdeAndItsSensitivitiesMatchTheClosedForm() {
    double t = 1.0;
    Fn f = logistic(1000, t);
    Fn grad = AD.grad(f, 0, 1);
    Fn fwd = AD.jacfwd(f, 0, 1);
    for (double[] p : new double[][] {{0.1, 1.5}, {0.6, -0.7}, {0.02, 3.0}}) {
      double y0 = p[0];
      double r = p[1];
      double e = Math.exp(r * t);
      double d = 1 - y0 + y0 * e;
      double y = y0 * e / d;
      double dy0 = e / (d * d);
      double dr = y0 * t * e * (1 - y0) / (d * d);
      double[] in0 = {y0};
      double[] in1 = {r};
      // RK4 with h = 1e-3: global error O(h^4), far below 1e-9
      assertClose(y, f.call(in0, in1)[0][0], 1e-9, "y(T) at " + y0 + ", " + r);
      double[][] g = grad.call(in0, in1);
      double[][] j = fwd.call(in0, in1);
      assertClose(dy0, g[0][0], 1e-9, "dy/dy0 (reverse)");
      assertClose(dr, g[1][0], 1e-9, "dy/dr (reverse)");
      assertClose(dy0, j[0][0], 1e-9, "dy/dy0 (forward)");
      assertClose(dr, j[1][0], 1e-9, "dy/dr (forward)");
      double hh = 1e-6;
      double fdR =
          (f.call(in0, new double[] {r + hh})[0][0] - f.call(in0, new double[] {r - hh})[0][0])
              / (2 * hh);
      double fdY =
          (f.call(new double[] {y0 + hh}, in1)[0][0] - f.call(new double[] {y0 - hh}, in1)[0][0])
              / (2 * hh);
      assertClose(fdR, g[1][0], 1e-7, "dy/dr vs central differences of the loop");
      assertClose(fdY, g[0][0], 1e-7, "dy/dy0 vs central differences of the loop");
    }
  }

  @Test
  void longLoopsAreCheckpointedInReverseMode() {
    int n = 100_000;
    Fn f = logistic(n, 1.0);
    Fn grad = AD.grad(f, 0, 1);
    Fn stored = AD.grad(logistic(1000, 1.0), 0, 1);
    double[] y0 = {0.1};
    double[] r = {1.5};
    double[][] g = grad.call(y0, r);
    double e = Math.exp(1.5);
    double d = 0.9 + 0.1 * e;
    assertClose(e / (d * d), g[0][0], 1e-9, "dy/dy0, checkpointed");
    assertClose(0.1 * e * 0.9 / (d * d), g[1][0], 1e-9, "dy/dr, checkpointed");
    assertEquals(1000, Loop.stackedValues(stored.graph()), "1,000 steps store every carry");
    long k = (long) Math.ceil(Math.sqrt(n));
    long held = Loop.stackedValues(grad.graph());
    // the segment starts, one segment's carries and the remaining steps' carries (each < k)
    assertTrue(held <= 3 * k && held >= k, n + " steps hold " + held + " carries");
  }

  @Test
  void secondOrderAndTaylorModeGoThroughTheLoop() {
    Fn f = logistic(200, 1.0);
    double[] y0 = {0.3};
    double[] r = {0.9};
    Fn grad = AD.grad(f, 0, 1);
    double[][] h = AD.hessian(f, 0, 1).call(y0, r);
    double eps = 1e-5;
    double[][] gp = grad.call(y0, new double[] {r[0] + eps});
    double[][] gm = grad.call(y0, new double[] {r[0] - eps});
    // hessian(f, 0, 1) gives the blocks (y0,y0), (y0,r), (r,y0), (r,r)
    assertEquals(4, h.length);
    assertClose((gp[0][0] - gm[0][0]) / (2 * eps), h[1][0], 1e-7, "d2y/dy0 dr");
    assertClose((gp[1][0] - gm[1][0]) / (2 * eps), h[3][0], 1e-7, "d2y/dr2");
    assertEquals(h[1][0], h[2][0], 1e-12, "the Hessian is symmetric");
    double[][] series = AD.taylor(f, 1, 4).call(y0, r);
    Fn nested = f;
    for (int k = 1; k <= 4; k++) {
      nested = AD.jacfwd(nested, 1);
      assertClose(nested.call(y0, r)[0][0], series[k][0], 1e-9, "Taylor order " + k);
    }
    assertClose(AD.derivative(f, 1, 2).call(y0, r)[0][0], h[3][0], 1e-10, "derivative(f, r, 2)");
    Fn small = logistic(20, 1.0);
    assertClose(
        AD.hessian(small, 1).call(y0, r)[0][0],
        AD.grad(AD.grad(small, 1), 1).call(y0, r)[0][0],
        1e-12,
        "grad(grad(f)) transposes the reverse loop (through dyn_place)");
  }

  static Fn lotkaVolterra(int steps, double t) {
    return Odes.lotkaVolterra(steps, t);
  }

  @Test
  void lotkaVolterraGradientForwardReverseAndFiniteDifferencesAgree() {
    Fn f = lotkaVolterra(400, 2.0);
    double[] p = {1.0, 0.5, 0.8, 0.3};
    double[] s0 = {1.2, 0.7};
    double[] rev = AD.grad(f, 0).call(p, s0)[0];
    double[] fwd = AD.jacfwd(f, 0).call(p, s0)[0];
    double h = 1e-6;
    for (int k = 0; k < 4; k++) {
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[k] += h;
      minus[k] -= h;
      double fd = (f.call(plus, s0)[0][0] - f.call(minus, s0)[0][0]) / (2 * h);
      assertClose(fwd[k], rev[k], 1e-12, "forward vs reverse, parameter " + k);
      assertClose(fd, rev[k], 1e-7, "reverse vs central differences, parameter " + k);
    }
    double[] ds0 = AD.grad(f, 1).call(p, s0)[0];
    double[] ds0f = AD.jacfwd(f, 1).call(p, s0)[0];
    assertClose(ds0f[0], ds0[0], 1e-12, "d/dx0");
    assertClose(ds0f[1], ds0[1], 1e-12, "d/dy0");
  }

  @Test
  void lotkaVolterraHessianInTwoParametersMatchesDifferencesOfTheGradient() {
    Fn full = lotkaVolterra(200, 2.0);
    Fn f =
        Fn.trace(
            "lvAB",
            List.of(new Param("ab", Shape.vector(2))),
            a -> {
              Val rest =
                  new Val(
                      a[0].builder(),
                      new gradgrid.ad.ir.Lit(Shape.vector(2), new double[] {0.8, 0.3}));
              Val p = Val.stack(a[0].get(0), a[0].get(1), rest.get(0), rest.get(1));
              Val s0 =
                  new Val(
                      a[0].builder(),
                      new gradgrid.ad.ir.Lit(Shape.vector(2), new double[] {1.2, 0.7}));
              return full.apply(p, s0)[0];
            });
    double[] ab = {1.0, 0.5};
    double[] hess = AD.hessian(f, 0).call(ab)[0];
    Fn grad = AD.grad(f, 0);
    double h = 1e-5;
    for (int j = 0; j < 2; j++) {
      double[] plus = ab.clone();
      double[] minus = ab.clone();
      plus[j] += h;
      minus[j] -= h;
      double[] gp = grad.call(plus)[0];
      double[] gm = grad.call(minus)[0];
      for (int i = 0; i < 2; i++) {
        assertClose((gp[i] - gm[i]) / (2 * h), hess[i * 2 + j], 1e-6, "H[" + i + "][" + j + "]");
      }
    }
    assertEquals(hess[1], hess[2], 1e-10 * Math.abs(hess[1]), "the Hessian is symmetric");
  }

  /** T_n(x) by the three-term recurrence, as a loop over (T_(k-1), T_k). */
  static Fn chebyshev(int n) {
    return Fn.trace(
        "chebyshev",
        List.of(new Param("x", Shape.SCALAR)),
        a -> {
          Val x = a[0];
          Val[] c =
              Loops.fori(
                  1,
                  n,
                  new Val[] {x.constant(1.0), x},
                  (k, t) -> new Val[] {t[1], x.mul(2).mul(t[1]).sub(t[0])});
          return c[1];
        });
  }

  @Test
  void chebyshevOfDegree200AndItsDerivative() {
    int n = 200;
    Fn t = chebyshev(n);
    Fn dt = AD.grad(t, 0);
    for (double x = -0.95; x <= 0.95; x += 0.0731) {
      double theta = Math.acos(x);
      double value = Math.cos(n * theta);
      double derivative = n * Math.sin(n * theta) / Math.sin(theta);
      assertClose(value, t.call(new double[] {x})[0][0], 1e-11, 1.0, "T_200(" + x + ")");
      assertClose(
          derivative,
          dt.call(new double[] {x})[0][0],
          1e-10,
          n / Math.sin(theta),
          "T_200'(" + x + ") = 200 U_199");
    }
  }

  @Test
  void loopedAndUnrolledGiveTheSameResults() {
    Fn looped = logistic(25, 0.5);
    Fn unrolled = logisticUnrolled(25, 0.5);
    double[] y0 = {0.2};
    double[] r = {1.3};
    assertEquals(unrolled.call(y0, r)[0][0], looped.call(y0, r)[0][0], 0.0, "bit for bit");
    double[][] gl = AD.grad(looped, 0, 1).call(y0, r);
    double[][] gu = AD.grad(unrolled, 0, 1).call(y0, r);
    double[][] jl = AD.jacfwd(looped, 0, 1).call(y0, r);
    double[][] ju = AD.jacfwd(unrolled, 0, 1).call(y0, r);
    for (int k = 0; k < 2; k++) {
      assertClose(gu[k][0], gl[k][0], 1e-14, "reverse, argument " + k);
      assertClose(ju[k][0], jl[k][0], 1e-14, "forward, argument " + k);
    }
    assertTrue(
        looped.eqnCount() < 5 && unrolled.eqnCount() > 25 * 10,
        "one loop equation against " + unrolled.eqnCount() + " unrolled");
  }

  @Test
  void scanStacksPerStepOutputsAndDifferentiatesThem() {
    // partial sums s_k = sum_(j<=k) x^j for k = 0..5, and their sum
    Fn f =
        Fn.trace(
            "partialSums",
            List.of(new Param("x", Shape.SCALAR)),
            a -> {
              Loops.Scanned s =
                  Loops.scan(
                      0,
                      6,
                      new Val[] {a[0].constant(0.0), a[0].constant(1.0)},
                      (i, c) -> {
                        Val sum = c[0].add(c[1]);
                        return Loops.step(new Val[] {sum, c[1].mul(a[0])}, sum);
                      });
              return s.stacked()[0].sum();
            });
    double x = 0.7;
    double want = 0;
    double dwant = 0;
    for (int k = 0; k < 6; k++) {
      for (int j = 0; j <= k; j++) {
        want += Math.pow(x, j);
        dwant += j * Math.pow(x, j - 1);
      }
    }
    assertClose(want, f.call(new double[] {x})[0][0], 1e-14, "sum of partial sums");
    assertClose(dwant, AD.grad(f, 0).call(new double[] {x})[0][0], 1e-13, "its derivative");
    assertClose(
        dwant, AD.jacfwd(f, 0).call(new double[] {x})[0][0], 1e-13, "its forward derivative");
  }

  @Test
  void nestedLoopsDifferentiate() {
    // sum over i < 3, j < 4 of (x i + j)^2, one loop inside the other's body
    Fn f =
        Fn.trace(
            "nested",
            List.of(new Param("x", Shape.SCALAR)),
            a ->
                Loops.fori(
                    0,
                    3,
                    a[0].constant(0.0),
                    (i, acc) ->
                        Loops.fori(0, 4, acc, (j, inner) -> inner.add(a[0].mul(i).add(j).pow(2)))));
    double x = 1.7;
    double want = 0;
    double dwant = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        want += (x * i + j) * (x * i + j);
        dwant += 2 * (x * i + j) * i;
      }
    }
    assertClose(want, f.call(new double[] {x})[0][0], 1e-14, "value");
    assertClose(dwant, AD.grad(f, 0).call(new double[] {x})[0][0], 1e-13, "reverse");
    assertClose(dwant, AD.jacfwd(f, 0).call(new double[] {x})[0][0], 1e-13, "forward");
    assertClose(
        2.0 * 4 * (0 + 1 + 4),
        AD.derivative(f, 0, 2).call(new double[] {x})[0][0],
        1e-12,
        "second derivative");
  }

  @Test
  void aTangentThatIsZeroStaysSymbolicThroughTheLoop() {
    Fn f =
        Fn.trace(
            "f",
            List.of(new Param("x", Shape.SCALAR), new Param("b", Shape.SCALAR)),
            a -> Loops.fori(0, 10, a[0], (i, y) -> y.mul(y).mul(0.5)).add(a[1]));
    Fn jvpB = AD.jvp(f, 1);
    long loops = jvpB.graph().eqns().stream().map(Eqn::prim).filter(p -> p instanceof Loop).count();
    assertEquals(1, loops, "only the primal loop:\n" + jvpB.graph());
    Fn jvpX = AD.jvp(f, 0);
    long bodies =
        jvpX.graph().eqns().stream()
            .filter(e -> e.prim() instanceof Loop)
            .map(e -> ((Loop) e.prim()).body())
            .distinct()
            .count();
    assertEquals(1, bodies, "forward mode takes value and tangent from one loop:\n" + jvpX.graph());
    double[][] g = AD.grad(f, 0, 1).call(new double[] {0.9}, new double[] {2.0});
    assertEquals(1.0, g[1][0], 0.0);
  }

  @Test
  void theGraphPrintsTheBodyAndBadLoopsSayWhy() {
    Fn f = logistic(1000, 1.0);
    String text = f.graph().toString();
    assertTrue(text.contains("fori[0:1000]") && text.contains("body { lambda"), text);
    AdException shape =
        assertThrows(
            AdException.class,
            () ->
                Fn.trace(
                    "bad",
                    List.of(new Param("x", Shape.SCALAR)),
                    a -> Loops.fori(0, 3, a[0], (i, y) -> y.broadcast(Shape.vector(2)))));
    assertTrue(
        shape.getMessage().contains("carry 0 is f64 but the body returns f64[2]"),
        shape.getMessage());
    AdException bounds =
        assertThrows(
            AdException.class,
            () ->
                Fn.trace(
                    "bad",
                    List.of(new Param("x", Shape.SCALAR)),
                    a -> Loops.fori(5, 3, a[0], (i, y) -> y)));
    assertTrue(bounds.getMessage().contains("got 5 > 3"), bounds.getMessage());
    Fn zero = Fn.trace("zero", List.of(Y0), a -> Loops.fori(4, 4, a[0], (i, y) -> y.mul(2)));
    assertEquals(0.25, zero.call(new double[] {0.25})[0][0], 0.0, "zero steps keep the carry");
    assertEquals(1.0, AD.grad(zero, 0).call(new double[] {0.25})[0][0], 0.0, "and its gradient");
    assertEquals(1.0, AD.jacfwd(zero, 0).call(new double[] {0.25})[0][0], 0.0, "forward too");
  }
}
