package gradgrid.ad.lang;

import gradgrid.ad.trace.Val;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function table: each function's name, signature, meaning and derivative convention, and how
 * it lowers to traced values after {@link Lowering} has checked the argument count. Elementwise
 * functions take scalars or vectors; a scalar next to a vector is broadcast.
 */
final class Builtins {
  private Builtins() {}

  /** How a function becomes traced values; shape checks report through {@code at}. */
  @FunctionalInterface
  interface Impl {
    Val apply(Lowering at, Node.Call call, Val[] args);
  }

  /**
   * One function: {@code signature} as users write it, what it computes, its derivative and
   * convention at the awkward points.
   */
  record Builtin(String name, String signature, String meaning, String derivative, Impl impl) {
    /** Number of arguments, read from the signature. */
    int arity() {
      String inside = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
      return inside.split(",").length;
    }
  }

  /** All functions by name, in documentation order. */
  static final Map<String, Builtin> ALL = table();

  private static Map<String, Builtin> table() {
    List<Builtin> list =
        List.of(
            unary("exp", "e^x", "exp(x)", Val::exp),
            unary("log", "natural logarithm (NaN below 0, -inf at 0)", "1/x; +inf at 0", Val::log),
            unary("sin", "sine", "cos(x)", Val::sin),
            unary("cos", "cosine", "-sin(x)", Val::cos),
            unary("tan", "tangent, as sin(x)/cos(x)", "1/cos(x)^2", Val::tan),
            unary("tanh", "hyperbolic tangent", "1 - tanh(x)^2", Val::tanh),
            unary("sqrt", "square root (NaN below 0)", "1/(2 sqrt(x)); +inf at 0", Val::sqrt),
            unary("abs", "|x|, as max(x, -x)", "sign(x); 0 at x = 0 (as JAX)", Val::abs),
            unary("expm1", "e^x - 1, accurate near 0", "exp(x)", Val::expm1),
            unary("log1p", "log(1 + x), accurate near 0", "1/(1 + x)", Val::log1p),
            unary("log2", "base-2 logarithm, exact at powers of 2", "1/(x ln 2)", Val::log2),
            unary("log10", "base-10 logarithm", "1/(x ln 10)", Val::log10),
            unary("cbrt", "cube root, also of negative x", "1/(3 cbrt(x)^2); +inf at 0", Val::cbrt),
            unary("asin", "arc sine (NaN outside [-1, 1])", "1/sqrt(1 - x^2)", Val::asin),
            unary("acos", "arc cosine (NaN outside [-1, 1])", "-1/sqrt(1 - x^2)", Val::acos),
            unary("atan", "arc tangent", "1/(1 + x^2)", Val::atan),
            unary("sinh", "hyperbolic sine", "cosh(x)", Val::sinh),
            unary("cosh", "hyperbolic cosine", "sinh(x)", Val::cosh),
            unary("asinh", "inverse hyperbolic sine", "1/sqrt(x^2 + 1)", Val::asinh),
            unary(
                "acosh",
                "inverse hyperbolic cosine (NaN below 1)",
                "1/(sqrt(x - 1) sqrt(x + 1)); +inf at 1",
                Val::acosh),
            unary(
                "atanh",
                "inverse hyperbolic tangent (infinite at -1 and 1)",
                "1/(1 - x^2)",
                Val::atanh),
            unary("erf", "error function", "2/sqrt(pi) exp(-x^2)", Val::erf),
            unary("erfc", "1 - erf(x), accurate for large x", "-2/sqrt(pi) exp(-x^2)", Val::erfc),
            unary(
                "sigmoid",
                "logistic function 1/(1 + e^-x), never overflowing",
                "sigmoid(x) sigmoid(-x)",
                Val::sigmoid),
            unary(
                "softplus",
                "log(1 + e^x), as max(x, 0) + log1p(e^-|x|): no overflow",
                "sigmoid(x)",
                Val::softplus),
            unary("floor", "largest integer <= x", "0 (piecewise constant)", Val::floor),
            unary("ceil", "smallest integer >= x", "0 (piecewise constant)", Val::ceil),
            unary("round", "nearest integer, halves to even", "0 (piecewise constant)", Val::round),
            unary(
                "sign", "-1, 0 or 1 by the sign of x (NaN stays NaN)", "0 (also at 0)", Val::sign),
            unary(
                "stopGradient",
                "x itself, as a constant to differentiation (JAX's stop_gradient)",
                "0",
                Val::stopGradient),
            new Builtin(
                "atan2",
                "atan2(y, x)",
                "angle of the point (x, y) in (-pi, pi], as Java's Math.atan2",
                "(x dy - y dx)/(x^2 + y^2); NaN at (0, 0)",
                (l, c, a) -> {
                  l.requireBroadcastable(c, a);
                  return a[0].atan2(a[1]);
                }),
            new Builtin(
                "hypot",
                "hypot(a, b)",
                "sqrt(a^2 + b^2) without overflow or underflow",
                "(a da + b db)/hypot(a, b); NaN at (0, 0)",
                (l, c, a) -> {
                  l.requireBroadcastable(c, a);
                  return a[0].hypot(a[1]);
                }),
            new Builtin(
                "clip",
                "clip(x, lo, hi)",
                "x limited to [lo, hi], as min(max(x, lo), hi)",
                "dx inside, dlo below, dhi above; shared evenly at a bound (as max)",
                (l, c, a) -> {
                  l.requireBroadcastable(c, a);
                  return a[0].clip(a[1], a[2]);
                }),
            new Builtin(
                "pow",
                "pow(a, b)",
                "a^b, exactly as the ^ operator",
                "see ^",
                (l, c, a) -> l.power(c.args().get(1).pos(), a[0], a[1])),
            new Builtin(
                "min",
                "min(a, b)",
                "elementwise minimum, as -max(-a, -b)",
                "of the smaller argument; (da + db)/2 at a tie (as JAX)",
                (l, c, a) -> {
                  l.requireBroadcastable(c, a);
                  return a[0].min(a[1]);
                }),
            new Builtin(
                "max",
                "max(a, b)",
                "elementwise maximum (NaN if either is NaN)",
                "of the larger argument; (da + db)/2 at a tie (as JAX)",
                (l, c, a) -> {
                  l.requireBroadcastable(c, a);
                  return a[0].max(a[1]);
                }),
            new Builtin(
                "where",
                "where(cond, a, b)",
                "a where cond holds, else b; cond is a comparison or a number (nonzero holds)",
                "of the branch taken; cond has none",
                (l, c, a) -> select(l, c, a)),
            new Builtin(
                "select",
                "select(cond, a, b)",
                "the same as where",
                "see where",
                (l, c, a) -> select(l, c, a)),
            new Builtin(
                "poly",
                "poly(c, x)",
                "c[0] + c[1] x + ... + c[n-1] x^(n-1), each x^i an exact integer power",
                "exact, also at x = 0",
                (l, c, a) -> {
                  l.requireVector(c, 0, a[0]);
                  l.requireScalar(c, 1, a[1]);
                  return Val.poly(a[0], a[1]);
                }),
            new Builtin(
                "dot",
                "dot(u, v)",
                "inner product of two vectors of one length",
                "v du + u dv",
                (l, c, a) -> {
                  l.requireVector(c, 0, a[0]);
                  l.requireVector(c, 1, a[1]);
                  l.requireSameShape(c, a[0], a[1]);
                  return a[0].dot(a[1]);
                }),
            new Builtin(
                "sum",
                "sum(v)",
                "sum of the elements of a vector",
                "sum(dv)",
                (l, c, a) -> {
                  l.requireVector(c, 0, a[0]);
                  return a[0].sum();
                }),
            new Builtin(
                "index",
                "index(v, i)",
                "element i of a vector, counting from 0; the same as v[i]",
                "dv[i]",
                (l, c, a) -> l.index(c.args().get(1).pos(), a[0], a[1])));
    Map<String, Builtin> m = new LinkedHashMap<>();
    for (Builtin b : list) {
      m.put(b.name(), b);
    }
    return m;
  }

  private static Builtin unary(
      String name, String meaning, String derivative, java.util.function.UnaryOperator<Val> f) {
    return new Builtin(name, name + "(x)", meaning, derivative, (l, c, a) -> f.apply(a[0]));
  }

  private static Val select(Lowering l, Node.Call c, Val[] a) {
    l.requireBroadcastable(c, a);
    return Val.select(a[0], a[1], a[2]);
  }
}
