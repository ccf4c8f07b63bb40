package gradgrid.ad.prim;

import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;

/**
 * Elementwise {@code a^n} for a fixed integer {@code n}, by repeated squaring. Its derivative rule
 * is exact everywhere, including at 0: {@code d x^0 = 0} and {@code d x^1 = t}, to every order
 * (JAX's {@code float_power} gives NaN there). Every {@code int} exponent is valid, {@link
 * Integer#MIN_VALUE} included: where {@code n - 1} would leave the {@code int} range, the rule
 * writes {@code x^(n-1)} as {@code x^n * x^-1} instead of letting the exponent wrap.
 */
public record IntPow(int n) implements Primitive {
  @Override
  public String name() {
    return "ipow[" + n + "]";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(1, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.map(in[0], a -> pow(a, n));
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    if (n == 0) {
      return null;
    }
    // d x^n = n x^(n-1) t, with x^0 = 1 exactly (no 0 * 0^-1)
    return n == 1 ? t[0] : t[0].mul(lowered(x[0]).mul(n));
  }

  /**
   * {@code x^(n-1)}; for {@code n = Integer.MIN_VALUE} as {@code x^n * x^-1}, since n - 1 wraps.
   */
  private Val lowered(Val x) {
    return n == Integer.MIN_VALUE ? x.pow(n).mul(x.pow(-1)) : x.pow(n - 1);
  }

  /** {@code x^0 -> 1} and {@code x^1 -> x}: exact for every x, NaN and infinities included. */
  @Override
  public Atom simplify(GraphBuilder b, Atom[] in) {
    if (n == 0) {
      return Lit.filled(in[0].shape(), 1.0);
    }
    return n == 1 ? in[0] : null;
  }

  /** {@code x^n} by repeated squaring; the one definition shared by the interpreter and kernels. */
  public static double pow(double x, int n) {
    if (n < 0) {
      return 1.0 / pow(x, -(long) n);
    }
    return pow(x, (long) n);
  }

  private static double pow(double x, long e) {
    double r = 1.0;
    double b = x;
    while (e > 0) {
      if ((e & 1) != 0) {
        r *= b;
      }
      e >>= 1;
      if (e > 0) {
        b *= b;
      }
    }
    return r;
  }

  /** Integer powers up to this exponent are unrolled; larger ones call {@link #pow}. */
  static final int MAX_UNROLLED = 64;

  /** The multiplications {@link #pow} performs, unrolled: repeated squaring. */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return s.map(in[0], x -> lower(s, x));
  }

  private int lower(ScalarEmitter s, int x) {
    long e = Math.abs((long) n);
    if (e > MAX_UNROLLED) {
      return s.intPowCall(x, n);
    }
    Integer r = squarings(x, e, s::mul);
    int p = r == null ? s.constant(1.0) : r;
    return n < 0 ? s.recip(p) : p;
  }

  /**
   * {@code x^e} by repeated squaring with {@code mul}, in exactly the order of multiplications of
   * {@link #pow} (whose leading {@code 1.0 * b} is {@code b} exactly); null for {@code e = 0}. The
   * one sequence kernels and Taylor mode share with the interpreter.
   */
  private static <T> T squarings(T x, long e, BinaryOperator<T> mul) {
    T r = null;
    T b = x;
    while (e > 0) {
      if ((e & 1) != 0) {
        r = r == null ? b : mul.apply(r, b);
      }
      e >>= 1;
      if (e > 0) {
        b = mul.apply(b, b);
      }
    }
    return r;
  }

  /**
   * The series of the multiplications {@link #pow} performs (Cauchy products, no division), so it
   * is exact at 0 to every order.
   */
  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    if (n == 0) {
      return m -> null;
    }
    Series p = c.of(v -> multiplied(v[0]), x[0]);
    return p::coeff;
  }

  /** {@code x^n} by repeated squaring as traced multiplications (and a reciprocal when n < 0). */
  private Val multiplied(Val x) {
    Val r = squarings(x, Math.abs((long) n), Val::mul);
    return n < 0 ? r.recip() : r;
  }
}
