package gradgrid.bench;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.lang.Lang;
import java.util.Locale;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * The Java Vector API ({@code jdk.incubator.vector}) for kernel bodies, measured before any
 * generator emits it (issue 15, item 2): for three functions of x, a hand-written scalar loop, the
 * gradgrid kernel ({@code Jit.compile}, scalar, one row per iteration) and a hand-written loop over
 * {@code DoubleVector}s of the preferred species (SIMD over rows, the shape a vectorising generator
 * would emit), in the same run: nanoseconds per point over 2^20 points, best of 7 after 3
 * warm-ups, one thread, and the largest difference of the SIMD results from the scalar ones in
 * ulps.
 *
 * <p>The workloads are the worked example's f, f', f'' (polynomial-heavy: only +, *, /, which the
 * Vector API computes lane by lane exactly as scalar code does), {@code sum_i tanh(w_i x + b_i)}
 * with 16 terms and {@code exp(-x^2) sin(3x)} (transcendental-heavy: the SIMD loops use the
 * {@code VectorOperators} TANH, EXP and SIN, which HotSpot backs with its SVML stubs on x86 and
 * which are not bit-identical to {@code Math}).
 *
 * <p>The SIMD loops are compiled at run time by Janino, as gradgrid's kernels are, so the build
 * needs no incubator module (Janino resolves {@code lanewise} to {@code Vector}'s, hence the casts
 * to {@code DoubleVector}); the JVM needs {@code --add-modules jdk.incubator.vector} ({@code
 * bench/vector-api.sh} passes it).
 */
public final class VectorApiBench {
  private VectorApiBench() {}

  private static final int N = 1 << 20;
  private static final int TERMS = 16;

  /** A loop over one input column writing {@code out.length} output columns. */
  public interface Loop {
    /**
     * Computes rows 0..n-1.
     *
     * @param x the input column
     * @param out the output columns
     * @param n the number of rows
     */
    void run(double[] x, double[][] out, int n);
  }

  /**
   * Prints one line per workload and loop.
   *
   * @param args unused
   * @throws Exception if a loop does not compile
   */
  public static void main(String[] args) throws Exception {
    double[] xs = new double[N];
    for (int i = 0; i < N; i++) {
      xs[i] = -10 + 20.0 * i / N;
    }
    System.out.println(
        "species: "
            + jdk()
            + " lanes of double ("
            + System.getProperty("os.arch")
            + ", "
            + Runtime.version()
            + ")");
    System.out.printf(
        "%-28s %12s %12s %12s %9s %9s %10s%n",
        "workload",
        "scalar ns/pt",
        "kernel ns/pt",
        "SIMD ns/pt",
        "SIMD/krn",
        "SIMD/scl",
        "max ulps");
    Fn f = Workloads.xSweep();
    row("x-sweep f, f', f''", xs, 3, rationalScalar(), Jit.compile(f), rationalSimd());
    row(
        "sum of 16 tanh(w x + b)",
        xs,
        1,
        compile("Tanh", tanhBody(false)),
        Jit.compile(AD.jit(Lang.parse("g", tanhText(), Param.scalar("x")))),
        compile("TanhV", tanhBody(true)));
    row(
        "exp(-x^2) sin(3x)",
        xs,
        1,
        compile("Bump", bumpBody(false)),
        Jit.compile(AD.jit(Lang.parse("h", "exp(-(x * x)) * sin(3 * x)", Param.scalar("x")))),
        compile("BumpV", bumpBody(true)));
  }

  private static String jdk() throws Exception {
    Class<?> v = Class.forName("jdk.incubator.vector.DoubleVector");
    Object species = v.getField("SPECIES_PREFERRED").get(null);
    return String.valueOf(
        Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("length").invoke(species));
  }

  private static void row(
      String name, double[] xs, int outs, Loop scalar, Kernel kernel, Loop simd) {
    double[][] a = new double[outs][N];
    double[][] b = new double[outs][N];
    double[][] k = new double[outs][N];
    scalar.run(xs, a, N);
    simd.run(xs, b, N);
    kernel.run(new double[][] {xs}, k, 0, N);
    long ulps = 0;
    for (int c = 0; c < outs; c++) {
      for (int r = 0; r < N; r++) {
        ulps = Math.max(ulps, ulps(a[c][r], b[c][r]));
      }
    }
    double ts = time(() -> scalar.run(xs, a, N));
    double tk = time(() -> kernel.run(new double[][] {xs}, k, 0, N));
    double tv = time(() -> simd.run(xs, b, N));
    System.out.printf(
        Locale.ROOT,
        "%-28s %12.2f %12.2f %12.2f %9.2f %9.2f %10d%n",
        name,
        ts,
        tk,
        tv,
        tk / tv,
        ts / tv,
        ulps);
  }

  private static long ulps(double a, double b) {
    if (Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b)) {
      return 0;
    }
    long x = Double.doubleToLongBits(a);
    long y = Double.doubleToLongBits(b);
    x = x < 0 ? Long.MIN_VALUE - x : x;
    y = y < 0 ? Long.MIN_VALUE - y : y;
    return Math.abs(x - y);
  }

  private static double time(Runnable r) {
    long best = Long.MAX_VALUE;
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      r.run();
      long t = System.nanoTime() - t0;
      if (rep >= 3) {
        best = Math.min(best, t);
      }
    }
    return (double) best / N;
  }

  private static Loop compile(String name, String body) throws CompileException {
    SimpleCompiler c = new SimpleCompiler();
    c.setParentClassLoader(VectorApiBench.class.getClassLoader());
    c.cook(
        "import jdk.incubator.vector.*;\n"
            + "public final class "
            + name
            + " implements gradgrid.bench.VectorApiBench.Loop {\n"
            + "  private static final VectorSpecies S = DoubleVector.SPECIES_PREFERRED;\n"
            + "  public void run(double[] xs, double[][] out, int n) {\n"
            + body
            + "  }\n}\n");
    try {
      return (Loop)
          c.getClassLoader().loadClass(name).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The reference loop of the x-sweep (Horner, closed forms), the same arithmetic as SIMD's. */
  private static Loop rationalScalar() {
    return (xs, out, n) -> Reference.xSweep(Workloads.ALPHA, Workloads.BETA, xs, out, n);
  }

  /** {@link Reference#xSweep} over DoubleVectors, operation for operation. */
  private static Loop rationalSimd() throws CompileException {
    double[] a = Workloads.ALPHA;
    double[] b = Workloads.BETA;
    StringBuilder s = new StringBuilder();
    s.append("double[] f = out[0], f1 = out[1], f2 = out[2];\n");
    s.append("int bound = S.loopBound(n);\nint r = 0;\n");
    s.append("DoubleVector one = DoubleVector.broadcast(S, 1.0);\n");
    s.append("for (; r < bound; r += S.length()) {\n");
    s.append("DoubleVector x = DoubleVector.fromArray(S, xs, r);\n");
    s.append("DoubleVector p = ").append(horner("x", a)).append(";\n");
    s.append("DoubleVector p1 = ").append(horner("x", derivative(a))).append(";\n");
    s.append("DoubleVector p2 = ").append(horner("x", derivative(derivative(a)))).append(";\n");
    s.append("DoubleVector q = ").append(horner("x", b)).append(";\n");
    s.append("DoubleVector q1 = ").append(horner("x", derivative(b))).append(";\n");
    s.append("DoubleVector q2 = ").append(horner("x", derivative(derivative(b)))).append(";\n");
    s.append("DoubleVector id = one.div(q.mul(q).add(1.0));\n");
    s.append("DoubleVector id2 = id.mul(id);\n");
    s.append("p.mul(id).intoArray(f, r);\n");
    s.append("p1.mul(id).sub(p.mul(2.0).mul(q).mul(q1).mul(id2)).intoArray(f1, r);\n");
    s.append(
        "p2.mul(id).sub(p1.mul(4.0).mul(q).mul(q1).mul(id2))"
            + ".sub(p.mul(2.0).mul(q1.mul(q1).add(q.mul(q2))).mul(id2))"
            + ".add(p.mul(8.0).mul(q).mul(q).mul(q1).mul(q1).mul(id2).mul(id)).intoArray(f2, r);\n");
    s.append("}\n");
    s.append("if (r < n) { throw new IllegalArgumentException(\"n must be a multiple of \" + S.length()); }\n");
    return compile("RationalV", s.toString());
  }

  /**
   * The Horner form of {@link Reference#xSweep}: for coefficients c (c[0] constant), {@code (((c_k
   * x + c_{k-1}) x + ...) x + c_0)}, where c_k x is written x.mul(c_k) (IEEE products commute).
   */
  private static String horner(String x, double[] c) {
    StringBuilder s = new StringBuilder(x + ".mul(" + lit(c[c.length - 1]) + ")");
    for (int i = c.length - 2; i >= 0; i--) {
      s.append(".add(").append(lit(c[i])).append(")");
      if (i > 0) {
        s.append(".mul(").append(x).append(")");
      }
    }
    return s.toString();
  }

  /** Coefficients of the derivative, each k c_k folded as the reference folds {@code 5 * a5}. */
  private static double[] derivative(double[] c) {
    double[] d = new double[c.length - 1];
    for (int k = 1; k < c.length; k++) {
      d[k - 1] = k * c[k];
    }
    return d;
  }

  private static String lit(double v) {
    return Double.toString(v);
  }

  private static double w(int i) {
    return (i % 2 == 0 ? 1 : -1) * 0.1 * (i + 1);
  }

  private static double bias(int i) {
    return 0.05 * i - 0.4;
  }

  private static String tanhText() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < TERMS; i++) {
      s.append(i == 0 ? "" : " + ")
          .append("tanh(")
          .append(lit(w(i)))
          .append(" * x + ")
          .append(lit(bias(i)))
          .append(")");
    }
    return s.toString();
  }

  private static String tanhBody(boolean simd) {
    StringBuilder s = new StringBuilder("double[] g = out[0];\n");
    if (!simd) {
      s.append("for (int r = 0; r < n; r++) {\ndouble x = xs[r];\ndouble s = 0.0;\n");
      for (int i = 0; i < TERMS; i++) {
        s.append(
            "s = "
                + (i == 0 ? "" : "s + ")
                + "Math.tanh("
                + lit(w(i))
                + " * x + "
                + lit(bias(i))
                + ");\n");
      }
      return s.append("g[r] = s;\n}\n").toString();
    }
    s.append("for (int r = 0; r < S.loopBound(n); r += S.length()) {\n");
    s.append("DoubleVector x = DoubleVector.fromArray(S, xs, r);\n");
    for (int i = 0; i < TERMS; i++) {
      String t =
          "((DoubleVector) x.mul("
              + lit(w(i))
              + ").add("
              + lit(bias(i))
              + ").lanewise(VectorOperators.TANH))";
      s.append(i == 0 ? "DoubleVector s = " + t + ";\n" : "s = s.add(" + t + ");\n");
    }
    return s.append("s.intoArray(g, r);\n}\n").toString();
  }

  private static String bumpBody(boolean simd) {
    if (!simd) {
      return "double[] g = out[0];\nfor (int r = 0; r < n; r++) {\ndouble x = xs[r];\n"
          + "g[r] = Math.exp(-(x * x)) * Math.sin(3.0 * x);\n}\n";
    }
    return "double[] g = out[0];\nfor (int r = 0; r < S.loopBound(n); r += S.length()) {\n"
        + "DoubleVector x = DoubleVector.fromArray(S, xs, r);\n"
        + "((DoubleVector) x.mul(x).neg().lanewise(VectorOperators.EXP))"
        + ".mul((DoubleVector) x.mul(3.0).lanewise(VectorOperators.SIN)).intoArray(g, r);\n}\n";
  }
}
