package gradgrid.ad.lang;

import static gradgrid.ad.lang.LangFixtures.A;
import static gradgrid.ad.lang.LangFixtures.B;
import static gradgrid.ad.lang.LangFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Derivatives of parsed functions against central finite differences: reverse mode ({@code AD.grad}
 * w.r.t. every input element), forward mode ({@code AD.jvp} along a fixed direction) and second
 * order ({@code grad(grad(f))} against differences of {@code grad(f)}), at three points where every
 * expression is smooth. Step {@code h = 1e-6 max(1, |v|)}; tolerance {@code 1e-6 max(1, |fd|)}
 * (truncation ~h^2 and rounding ~1e-16/h stay well below it).
 */
class LangDerivativeTest {
  private static final double H = 1e-6;
  private static final double TOL = 1e-6;

  /** {@code x, y} pairs; {@code a, b} are {@link LangFixtures#A} and {@link LangFixtures#B}. */
  private static final double[][] POINTS = {{0.7, 0.4}, {1.3, 1.7}, {2.1, 0.9}};

  static final List<String> EXPRESSIONS =
      List.of(
          "x + y",
          "x - y",
          "x * y",
          "x / y",
          "-x^2",
          "x^3 - 2*x^2 + x - 5",
          "x^-2",
          "x^2.5",
          "x^y",
          "2^x",
          "pow(x, y)",
          "pow(x, 3)",
          "x^x",
          "exp(x)",
          "exp(-x^2/2) * sin(3*x)",
          "log(x)",
          "log(1 + x^2)",
          "sin(x) * cos(y)",
          "cos(x*y)",
          "tan(x/2)",
          "tanh(x - y)",
          "sqrt(x)",
          "sqrt(x^2 + y^2)",
          "abs(x - y)",
          "abs(sin(3*x))",
          "min(x, y)",
          "max(x, y)",
          "max(x^2, y)",
          "min(exp(x), 2*y)",
          "max(abs(x), abs(y))",
          "where(x < y, x^2, y^3)",
          "where(x <= 1, sin(x), cos(x))",
          "where(x > y, x*y, x + y)",
          "where(x >= 2, 1, x^3)",
          "where(x == y, 0, x - y)",
          "where(x != y, log(x), 0)",
          "select(x - 1, exp(x), y)",
          "poly(a, x)",
          "poly(a, x) / (1 + poly(b, x)^2)",
          "let p = poly(a, x); let q = poly(b, x); p / (1 + q^2)",
          "dot(a, b)",
          "dot(a, b) * x",
          "dot(a, exp(b))",
          "sum(a)",
          "sum(a * b)",
          "sum(exp(a))",
          "sum(a^2) + x",
          "sum(a / b)",
          "sum(sqrt(b))",
          "sum(log(b)) * y",
          "sum(sin(a) * cos(b)) / y",
          "sum(a) * sum(b) - dot(a, b)",
          "a[0] * b[2] - a[1]",
          "index(a, 2) * x",
          "-a[1]^2 + poly(b, y)",
          "tanh(dot(a, b) + y)",
          "sum(where(a > 0, a, -a))",
          "sum(abs(a - b))",
          "sum(max(a, x))",
          "sum(min(a, b) * x)",
          "sqrt(sum(a^2))",
          "log(sum(exp(a * x)))",
          "tan(sum(a) / 10)",
          "where(sum(a) > x, sum(a), x)",
          "let r = x^2 + y^2; exp(-r) * cos(r)",
          "x / (1 + y^2)^2",
          "1 / (1 + exp(-x))",
          "pi * x^2",
          "(x - y)^3 / 6",
          "2^3 * x",
          "atan(x) + atan2(y, x)",
          "asin(x / 3) * acos(y / 2)",
          "sinh(x) - cosh(y)",
          "asinh(x * y) + acosh(1 + x)",
          "atanh(y / 2)",
          "log1p(x) * expm1(y)",
          "log2(x) + log10(y)",
          "erf(x - y) + erfc(x)",
          "sigmoid(3 * x - y)",
          "softplus(x - 2 * y)",
          "hypot(x, y)",
          "cbrt(x - y)",
          "floor(x) * y + ceil(y) * x",
          "round(x) * sign(x - y) * y",
          "y * stopGradient(round(x))",
          "sum(clip(a, -0.5, x)) + clip(x, y, 2)");

  static Stream<String> expressions() {
    return EXPRESSIONS.stream();
  }

  @org.junit.jupiter.api.Test
  void coversEveryFunctionWithAtLeastFiftyExpressions() {
    assertTrue(EXPRESSIONS.size() >= 50);
    Set<String> used = new HashSet<>();
    for (String e : EXPRESSIONS) {
      for (String f : Lang.functions()) {
        if (e.contains(f + "(")) {
          used.add(f);
        }
      }
    }
    assertEquals(new HashSet<>(Lang.functions()), used);
  }

  @ParameterizedTest
  @MethodSource("expressions")
  void reverseModeMatchesFiniteDifferences(String text) {
    Fn f = parse(text);
    Fn g = AD.grad(f, 0, 1, 2, 3);
    for (double[] p : POINTS) {
      double[][] args = args(p);
      double[][] grads = g.call(args);
      for (int arg = 0; arg < args.length; arg++) {
        for (int i = 0; i < args[arg].length; i++) {
          double fd = centralDifference(f, args, arg, i, 0);
          assertClose(fd, grads[arg][i], text + " d/d(arg " + arg + "[" + i + "]) at " + at(p));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("expressions")
  void forwardModeMatchesFiniteDifferences(String text) {
    Fn f = parse(text);
    Fn jvp = AD.jvp(f, 0, 1, 2, 3);
    double[][] dir = {{0.3}, {-0.7}, {0.2, 0.5, -0.4}, {-0.1, 0.6, 0.25}};
    for (double[] p : POINTS) {
      double[][] args = args(p);
      double[][] all = new double[8][];
      System.arraycopy(args, 0, all, 0, 4);
      System.arraycopy(dir, 0, all, 4, 4);
      double tangent = jvp.call(all)[1][0];
      // d/ds f(args + s dir) at s = 0
      double s = H;
      double fd =
          (f.callScalar(shifted(args, dir, s)) - f.callScalar(shifted(args, dir, -s))) / (2 * s);
      assertClose(fd, tangent, text + " along dir at " + at(p));
    }
  }

  @ParameterizedTest
  @MethodSource("expressions")
  void secondDerivativeInXMatchesDifferencesOfTheGradient(String text) {
    Fn df = AD.grad(parse(text));
    Fn d2f = AD.grad(df);
    for (double[] p : POINTS) {
      double[][] args = args(p);
      double fd = centralDifference(df, args, 0, 0, 0);
      assertClose(fd, d2f.callScalar(args), text + " d2/dx2 at " + at(p));
    }
  }

  private static double[][] args(double[] p) {
    return new double[][] {{p[0]}, {p[1]}, A.clone(), B.clone()};
  }

  private static double centralDifference(Fn f, double[][] args, int arg, int i, int out) {
    double v = args[arg][i];
    double h = H * Math.max(1, Math.abs(v));
    args[arg][i] = v + h;
    double up = f.call(args)[out][0];
    args[arg][i] = v - h;
    double down = f.call(args)[out][0];
    args[arg][i] = v;
    return (up - down) / (2 * h);
  }

  private static double[][] shifted(double[][] args, double[][] dir, double s) {
    double[][] r = new double[args.length][];
    for (int k = 0; k < args.length; k++) {
      r[k] = args[k].clone();
      for (int i = 0; i < r[k].length; i++) {
        r[k][i] += s * dir[k][i];
      }
    }
    return r;
  }

  private static void assertClose(double fd, double ad, String what) {
    if (!(Math.abs(ad - fd) <= TOL * Math.max(1, Math.abs(fd)))) {
      fail(what + ": AD " + ad + " vs finite difference " + fd);
    }
  }

  private static String at(double[] p) {
    return "x=" + p[0] + ", y=" + p[1];
  }
}
