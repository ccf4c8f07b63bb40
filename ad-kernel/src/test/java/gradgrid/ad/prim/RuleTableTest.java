package gradgrid.ad.prim;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each line of the rule tables beyond its first derivative ({@link PrimitiveRulesTest} checks
 * that): grad of grad against central differences of grad, piecewise constant functions with
 * derivatives that are exactly zero, and values of the lines that name a {@link Math} method within
 * 1 ulp of the {@link StrictMath} method of the same name.
 */
class RuleTableTest {
  private static Fn traced(UnaryFn f) {
    return Fn.trace(f.printed(), List.of(Param.scalar("x")), a -> a[0].apply(f));
  }

  private static Fn traced(BinaryFn f) {
    return Fn.trace(
        f.printed(), List.of(Param.scalar("a"), Param.scalar("b")), a -> a[0].apply(f, a[1]));
  }

  @ParameterizedTest
  @EnumSource(UnaryFn.class)
  void gradOfGradMatchesCentralDifferencesOfGrad(UnaryFn f) {
    Fn d1 = AD.grad(traced(f));
    Fn d2 = AD.grad(d1);
    Random r = new Random(f.ordinal());
    double lo = PrimitiveRulesTest.lo(f);
    double hi = PrimitiveRulesTest.hi(f);
    double h = 1e-5;
    for (int trial = 0; trial < 20; trial++) {
      double x = lo + (hi - lo) * r.nextDouble();
      double got = d2.callScalar(new double[] {x});
      if (f.piecewiseConstant()) {
        // stop_gradient too: the derivative of a constant is 0 at every order
        assertEquals(0.0, d1.callScalar(new double[] {x}), f + "' at " + x);
        assertEquals(0.0, got, f + "'' at " + x);
        continue;
      }
      double fd =
          (d1.callScalar(new double[] {x + h}) - d1.callScalar(new double[] {x - h})) / (2 * h);
      assertClose(fd, got, 1e-6, 1.0, f + "'' at " + x);
    }
  }

  @ParameterizedTest
  @EnumSource(BinaryFn.class)
  void hessianMatchesCentralDifferencesOfGrad(BinaryFn f) {
    Fn g = AD.grad(traced(f), 0, 1);
    Fn hess = AD.hessian(traced(f), 0, 1);
    Random r = new Random(f.ordinal());
    double h = 1e-5;
    for (int trial = 0; trial < 20; trial++) {
      double[] p = {0.5 + 1.5 * r.nextDouble(), 0.5 + 1.5 * r.nextDouble()};
      double[][] got = hess.call(new double[] {p[0]}, new double[] {p[1]});
      for (int j = 0; j < 2; j++) {
        double[] plus = p.clone();
        double[] minus = p.clone();
        plus[j] += h;
        minus[j] -= h;
        double[][] gp = g.call(new double[] {plus[0]}, new double[] {plus[1]});
        double[][] gm = g.call(new double[] {minus[0]}, new double[] {minus[1]});
        for (int i = 0; i < 2; i++) {
          // blocks in row-major order: d2f/di dj is block 2 i + j
          double fd = (gp[i][0] - gm[i][0]) / (2 * h);
          assertClose(fd, got[2 * i + j][0], 1e-6, 1.0, f + " d2/d" + i + "d" + j);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(UnaryFn.class)
  void mathLinesAgreeWithStrictMath(UnaryFn f) throws ReflectiveOperationException {
    String prefix = "java.lang.Math.";
    if (!f.javaName().startsWith(prefix)) {
      return; // MoreMathTest checks the others against correctly rounded values
    }
    Method strict =
        StrictMath.class.getMethod(f.javaName().substring(prefix.length()), double.class);
    Fn fn = traced(f);
    Random r = new Random(3);
    for (int trial = 0; trial < 2000; trial++) {
      double x = (r.nextDouble() * 8 - 4) * (trial % 10 == 0 ? 100 : 1);
      double want = (double) strict.invoke(null, x);
      double got = fn.callScalar(new double[] {x});
      assertTrue(
          MoreMathTest.ulps(got, want) <= 1, f + "(" + x + ") = " + got + ", StrictMath " + want);
    }
  }

  @ParameterizedTest
  @EnumSource(BinaryFn.class)
  void binaryLinesAgreeWithStrictMath(BinaryFn f) throws ReflectiveOperationException {
    Method strict =
        StrictMath.class.getMethod(
            f.javaName().substring("java.lang.Math.".length()), double.class, double.class);
    Fn fn = traced(f);
    Random r = new Random(5);
    for (int trial = 0; trial < 2000; trial++) {
      double a = r.nextDouble() * 8 - 4;
      double b = r.nextDouble() * 8 - 4;
      double want = (double) strict.invoke(null, a, b);
      double got = fn.callScalar(new double[] {a}, new double[] {b});
      assertTrue(MoreMathTest.ulps(got, want) <= 1, f + "(" + a + ", " + b + ") = " + got);
    }
  }
}
