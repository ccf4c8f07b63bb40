package gradgrid.ad.prim;

import gradgrid.ad.trace.Val;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

/**
 * The rule table of the binary elementwise functions that are not arithmetic, one line each: the
 * static method that evaluates {@code y = f(a, b)} (in the interpreter and, by name, in generated
 * kernels) and the two partial derivatives {@code dy/da}, {@code dy/db} in traced operations of the
 * inputs and the output.
 */
public enum BinaryFn {
  /** {@code a^b} ({@link Math#pow}); prefer {@link IntPow} for integer exponents. */
  POW(Math.class, "pow", (a, b, y) -> b.mul(a.pow(b.sub(1.0))), (a, b, y) -> a.log().mul(y)),
  /** The angle of the point (b, a): {@code atan2(y, x)} with y first, as {@link Math#atan2}. */
  ATAN2(
      Math.class,
      "atan2",
      (a, b, y) -> b.mul(a.mul(a).add(b.mul(b)).recip()),
      (a, b, y) -> a.neg().mul(a.mul(a).add(b.mul(b)).recip())),
  /** {@code sqrt(a^2 + b^2)} without overflow or underflow ({@link Math#hypot}). */
  HYPOT(Math.class, "hypot", (a, b, y) -> a.mul(y.recip()), (a, b, y) -> b.mul(y.recip()));

  /** A partial derivative in traced operations, given both inputs and the output. */
  @FunctionalInterface
  interface Partial {
    Val of(Val a, Val b, Val y);
  }

  private final StaticMethod method;
  private final DoubleBinaryOperator eval;
  private final Partial da;
  private final Partial db;

  BinaryFn(Class<?> owner, String method, Partial da, Partial db) {
    this.method = new StaticMethod(owner, method);
    this.eval = this.method.binary();
    this.da = da;
    this.db = db;
  }

  /** The printed name: the constant's name in lower case. */
  public String printed() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value at {@code (a, b)}; the reference semantics generated kernels reproduce exactly. */
  public double apply(double a, double b) {
    return eval.applyAsDouble(a, b);
  }

  /** The method generated kernels call, fully qualified ({@code java.lang.Math.atan2}). */
  public String javaName() {
    return method.javaName();
  }

  Val da(Val a, Val b, Val y) {
    return da.of(a, b, y);
  }

  Val db(Val a, Val b, Val y) {
    return db.of(a, b, y);
  }
}
