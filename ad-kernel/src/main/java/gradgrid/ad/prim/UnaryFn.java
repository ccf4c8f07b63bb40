package gradgrid.ad.prim;

import gradgrid.ad.trace.Val;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The rule table of the unary elementwise functions, one line each: the static method that
 * evaluates it (in the interpreter and, by name, in generated kernels) and its derivative {@code
 * dy/dx} written with traced operations of the input {@code x} and the output {@code y}. A null
 * derivative marks a piecewise constant function, whose tangent is a symbolic zero. Adding a
 * function is one line here (plus, for the text language, one line in its function table).
 */
public enum UnaryFn {
  EXP(Math.class, "exp", (x, y) -> y),
  LOG(Math.class, "log", (x, y) -> x.recip()),
  LOG1P(Math.class, "log1p", (x, y) -> x.add(1.0).recip()),
  EXPM1(Math.class, "expm1", (x, y) -> x.exp()),
  LOG2(MoreMath.class, "log2", (x, y) -> x.recip().mul(MoreMath.INV_LN2)),
  LOG10(Math.class, "log10", (x, y) -> x.recip().mul(MoreMath.INV_LN10)),
  SQRT(Math.class, "sqrt", (x, y) -> y.recip().mul(0.5)),
  CBRT(Math.class, "cbrt", (x, y) -> y.mul(y).mul(3.0).recip()),
  SIN(Math.class, "sin", (x, y) -> x.cos()),
  COS(Math.class, "cos", (x, y) -> x.sin().neg()),
  ASIN(Math.class, "asin", (x, y) -> x.mul(x).neg().add(1.0).sqrt().recip()),
  ACOS(Math.class, "acos", (x, y) -> x.mul(x).neg().add(1.0).sqrt().recip().neg()),
  ATAN(Math.class, "atan", (x, y) -> x.mul(x).add(1.0).recip()),
  SINH(Math.class, "sinh", (x, y) -> x.cosh()),
  COSH(Math.class, "cosh", (x, y) -> x.sinh()),
  TANH(Math.class, "tanh", (x, y) -> y.mul(y).neg().add(1.0)),
  ASINH(MoreMath.class, "asinh", (x, y) -> x.mul(x).add(1.0).sqrt().recip()),
  ACOSH(MoreMath.class, "acosh", (x, y) -> x.sub(1.0).sqrt().mul(x.add(1.0).sqrt()).recip()),
  ATANH(MoreMath.class, "atanh", (x, y) -> x.mul(x).neg().add(1.0).recip()),
  ERF(Erf.class, "erf", (x, y) -> x.mul(x).neg().exp().mul(MoreMath.TWO_OVER_SQRT_PI)),
  ERFC(Erf.class, "erfc", (x, y) -> x.mul(x).neg().exp().mul(-MoreMath.TWO_OVER_SQRT_PI)),
  SIGMOID(MoreMath.class, "sigmoid", (x, y) -> y.mul(x.neg().sigmoid())),
  SOFTPLUS(MoreMath.class, "softplus", (x, y) -> x.sigmoid()),
  FLOOR(Math.class, "floor", null),
  CEIL(Math.class, "ceil", null),
  ROUND(Math.class, "rint", null),
  SIGN(Math.class, "signum", null),
  STOP_GRADIENT(MoreMath.class, "identity", null);

  /** A derivative {@code dy/dx} in traced operations, given the input and the output. */
  @FunctionalInterface
  interface Derivative {
    Val of(Val x, Val y);
  }

  private final StaticMethod method;
  private final DoubleUnaryOperator eval;
  private final Derivative derivative;

  UnaryFn(Class<?> owner, String method, Derivative derivative) {
    this.method = new StaticMethod(owner, method);
    this.eval = this.method.unary();
    this.derivative = derivative;
  }

  /** The printed name: the constant's name in lower case ({@code exp}, {@code stop_gradient}). */
  public String printed() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value at {@code x}; the reference semantics generated kernels reproduce exactly. */
  public double apply(double x) {
    return eval.applyAsDouble(x);
  }

  /** The method generated kernels call, fully qualified ({@code java.lang.Math.exp}). */
  public String javaName() {
    return method.javaName();
  }

  /** True for the piecewise constant functions (zero derivative everywhere it exists). */
  public boolean piecewiseConstant() {
    return derivative == null;
  }

  /** {@code dy/dx} as traced values, or null for a piecewise constant function. */
  Val derivative(Val x, Val y) {
    return derivative == null ? null : derivative.of(x, y);
  }
}
