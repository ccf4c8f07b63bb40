package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.lang.Lang;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * SIMD kernels in a JVM with the Vector API ({@link SimdKernelTest} starts it with {@code
 * --add-modules jdk.incubator.vector}, which the test JVM does not have, so the JVM's notice about
 * incubator modules stays out of the build's output). {@code compare}: each exact function's SIMD
 * kernel against the interpreter bit for bit, special values included, and against the scalar
 * kernel at offsets and over a length that leaves a tail; a function with {@code exp} stays scalar.
 * {@code switch}: prints {@code simd} or {@code scalar} for the kernel {@link Jit#compile} gives
 * under this JVM's options.
 */
final class SimdProbe {
  private SimdProbe() {}

  private static final double[] ALPHA = {0.5, -1.2, 0.3, 0.05, -0.01, 0.0008};
  private static final double[] BETA = {0.2, 0.4, -0.3, 0.02, 0.003, -0.0004};

  static Fn xSweep() {
    Fn fx = Jit.bind(Rational.of(5, 5), Map.of("alpha", ALPHA, "beta", BETA));
    return Fn.concat("x-sweep", fx, AD.derivative(fx, 0, 1), AD.derivative(fx, 0, 2));
  }

  static List<Fn> exactFunctions() {
    Fn f = Rational.of(5, 5);
    Fn atX = Jit.bind(f, "x", 1.7);
    return List.of(
        xSweep(),
        Fn.concat("x-sweep, 13 columns", f, AD.derivative(f, 0, 1), AD.derivative(f, 0, 2)),
        AD.grad(atX, 0, 1),
        AD.hessian(atX, 0, 1),
        Lang.parse(
            "branches",
            "where(x > y, sqrt(x * x + 1), -y) + where(x <= 0.5, x, y) * where(x >= y, 2, 3)"
                + " - where(y != x, 1, 2) / where(x < y, x, 1 / y) + where(x == y, x, 1 / y)",
            Param.scalar("x"),
            Param.scalar("y")));
  }

  public static void main(String[] args) {
    if (args[0].equals("switch")) {
      boolean vector = Jit.compile(xSweep()).source().contains("DoubleVector");
      System.out.println(vector ? "simd" : "scalar");
      return;
    }
    for (Fn fn : exactFunctions()) {
      Kernel k = simd(fn.graph());
      assertTrue(k.source().contains("DoubleVector"), fn.name() + " has an exact SIMD form");
      for (int rows : new int[] {1, 7, 64, 1003}) {
        JitTest.assertSameAsInterpreter(fn.graph(), k, rows, 31L * rows);
      }
      sameAsScalar(fn, k);
      System.out.println("bit for bit: " + fn.name());
    }
    Fn g = Lang.parse("g", "exp(-(x * x)) * sin(3 * x)", Param.scalar("x"));
    Kernel k = simd(g.graph());
    assertFalse(k.source().contains("DoubleVector"), k.source());
    JitTest.assertSameAsInterpreter(g.graph(), k, 100, 3);
    System.out.println("scalar: " + g.name());
  }

  private static Kernel simd(Graph g) {
    return Jit.compileUncached(g, Jit.key(g), null, Jit.HUGE_METHOD_LIMIT, true);
  }

  private static void sameAsScalar(Fn fn, Kernel v) {
    Kernel s =
        Jit.compileUncached(fn.graph(), Jit.key(fn.graph()), null, Jit.HUGE_METHOD_LIMIT, false);
    Random r = new Random(9);
    int rows = 4099;
    double[][] in = new double[v.inputWidth()][rows + 5];
    for (double[] c : in) {
      for (int i = 0; i < c.length; i++) {
        c[i] = r.nextGaussian() * 3;
      }
    }
    double[][] a = new double[v.outputWidth()][rows + 2];
    double[][] b = new double[v.outputWidth()][rows + 2];
    v.run(in, 5, a, 2, rows);
    s.run(in, 5, b, 2, rows);
    for (int c = 0; c < a.length; c++) {
      assertArrayEquals(bits(b[c]), bits(a[c]), fn.name() + " column " + c);
    }
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }
}
