package gradgrid.ad.trace;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.Add;
import gradgrid.ad.prim.Binary;
import gradgrid.ad.prim.BinaryFn;
import gradgrid.ad.prim.Broadcast;
import gradgrid.ad.prim.Compare;
import gradgrid.ad.prim.Dot;
import gradgrid.ad.prim.Eigvalsh;
import gradgrid.ad.prim.Index;
import gradgrid.ad.prim.IntPow;
import gradgrid.ad.prim.MatT;
import gradgrid.ad.prim.MatVec;
import gradgrid.ad.prim.Max;
import gradgrid.ad.prim.Mul;
import gradgrid.ad.prim.Neg;
import gradgrid.ad.prim.Outer;
import gradgrid.ad.prim.Primitive;
import gradgrid.ad.prim.Recip;
import gradgrid.ad.prim.Select;
import gradgrid.ad.prim.Stack;
import gradgrid.ad.prim.Sum;
import gradgrid.ad.prim.Unary;
import gradgrid.ad.prim.UnaryFn;

/**
 * A traced value: what user functions and derivative rules compute with. Every operation records an
 * equation in the graph being built. A scalar combined with a vector or matrix is broadcast first,
 * as in JAX; two non-scalars must have the same shape.
 */
public final class Val {
  private final GraphBuilder builder;
  private final Atom atom;

  /** Wraps an atom of the graph that {@code builder} is building. */
  public Val(GraphBuilder builder, Atom atom) {
    this.builder = builder;
    this.atom = atom;
  }

  /** The graph atom this value stands for. */
  public Atom atom() {
    return atom;
  }

  /** The builder recording this value's computation. */
  public GraphBuilder builder() {
    return builder;
  }

  /** The shape of this value. */
  public Shape shape() {
    return atom.shape();
  }

  /** A constant in the same graph as this value. */
  public Val constant(double c) {
    return new Val(builder, Lit.scalar(c));
  }

  /** Zeros of this value's shape. */
  public Val zeros() {
    return new Val(builder, Lit.filled(shape(), 0.0));
  }

  private Val emit(Primitive p, Val... in) {
    GraphBuilder deepest = builder;
    for (Val v : in) {
      if (v.builder.within(deepest)) {
        deepest = v.builder;
      } else if (!deepest.within(v.builder)) {
        throw new AdException(
            "in function '"
                + builder.context()
                + "': "
                + p.name()
                + " mixes values from two different traces");
      }
    }
    Atom[] atoms = new Atom[in.length];
    for (int i = 0; i < in.length; i++) {
      atoms[i] = deepest.capture(in[i].builder, in[i].atom);
    }
    return new Val(deepest, deepest.emit(p, atoms));
  }

  private Val binary(Primitive p, Val o) {
    Shape a = shape();
    Shape b = o.shape();
    if (a.equals(b)) {
      return emit(p, this, o);
    }
    if (a.isScalar()) {
      return emit(p, broadcast(b), o);
    }
    if (b.isScalar()) {
      return emit(p, this, o.broadcast(a));
    }
    return emit(p, this, o);
  }

  /** {@code this + o}. */
  public Val add(Val o) {
    return binary(new Add(), o);
  }

  /** {@code this + c}. */
  public Val add(double c) {
    return add(constant(c));
  }

  /** {@code this - o}, as {@code this + (-o)}. */
  public Val sub(Val o) {
    return add(o.neg());
  }

  /** {@code this - c}. */
  public Val sub(double c) {
    return add(constant(-c));
  }

  /** {@code this * o}. */
  public Val mul(Val o) {
    return binary(new Mul(), o);
  }

  /** {@code this * c}. */
  public Val mul(double c) {
    return mul(constant(c));
  }

  /** {@code this / o}, as {@code this * (1/o)}. */
  public Val div(Val o) {
    return mul(o.recip());
  }

  /** {@code this / c}, as {@code this * (1/c)}. */
  public Val div(double c) {
    return div(constant(c));
  }

  /** {@code -this}. */
  public Val neg() {
    return emit(new Neg(), this);
  }

  /** {@code 1 / this}. */
  public Val recip() {
    return emit(new Recip(), this);
  }

  /** {@code this^n} with the exact integer-power rule (finite derivatives at 0). */
  public Val pow(int n) {
    return emit(new IntPow(n), this);
  }

  /** {@code this^y} for a real exponent. */
  public Val pow(Val y) {
    return apply(BinaryFn.POW, y);
  }

  /** A function of the unary rule table, elementwise ({@code x.apply(UnaryFn.ERF)}). */
  public Val apply(UnaryFn f) {
    return emit(new Unary(f), this);
  }

  /** A function of the binary rule table, elementwise, with {@code this} first. */
  public Val apply(BinaryFn f, Val o) {
    return binary(new Binary(f), o);
  }

  /** {@code e^this}. */
  public Val exp() {
    return apply(UnaryFn.EXP);
  }

  /** {@code e^this - 1}, accurate near 0. */
  public Val expm1() {
    return apply(UnaryFn.EXPM1);
  }

  /** Natural logarithm. */
  public Val log() {
    return apply(UnaryFn.LOG);
  }

  /** {@code log(1 + this)}, accurate near 0. */
  public Val log1p() {
    return apply(UnaryFn.LOG1P);
  }

  /** Base-2 logarithm, exact at powers of two. */
  public Val log2() {
    return apply(UnaryFn.LOG2);
  }

  /** Base-10 logarithm. */
  public Val log10() {
    return apply(UnaryFn.LOG10);
  }

  /** Sine. */
  public Val sin() {
    return apply(UnaryFn.SIN);
  }

  /** Cosine. */
  public Val cos() {
    return apply(UnaryFn.COS);
  }

  /** Tangent, as {@code sin / cos}. */
  public Val tan() {
    return sin().div(cos());
  }

  /** Arc sine, in {@code [-pi/2, pi/2]}; NaN outside {@code [-1, 1]}. */
  public Val asin() {
    return apply(UnaryFn.ASIN);
  }

  /** Arc cosine, in {@code [0, pi]}; NaN outside {@code [-1, 1]}. */
  public Val acos() {
    return apply(UnaryFn.ACOS);
  }

  /** Arc tangent, in {@code (-pi/2, pi/2)}. */
  public Val atan() {
    return apply(UnaryFn.ATAN);
  }

  /** The angle of the point {@code (x, this)}: {@code atan2(this, x)} as {@link Math#atan2}. */
  public Val atan2(Val x) {
    return apply(BinaryFn.ATAN2, x);
  }

  /** Hyperbolic sine. */
  public Val sinh() {
    return apply(UnaryFn.SINH);
  }

  /** Hyperbolic cosine. */
  public Val cosh() {
    return apply(UnaryFn.COSH);
  }

  /** Hyperbolic tangent. */
  public Val tanh() {
    return apply(UnaryFn.TANH);
  }

  /** Inverse hyperbolic sine. */
  public Val asinh() {
    return apply(UnaryFn.ASINH);
  }

  /** Inverse hyperbolic cosine; NaN below 1. */
  public Val acosh() {
    return apply(UnaryFn.ACOSH);
  }

  /** Inverse hyperbolic tangent; infinite at -1 and 1, NaN beyond. */
  public Val atanh() {
    return apply(UnaryFn.ATANH);
  }

  /** Square root. */
  public Val sqrt() {
    return apply(UnaryFn.SQRT);
  }

  /** Cube root, defined for negative values too. */
  public Val cbrt() {
    return apply(UnaryFn.CBRT);
  }

  /** {@code sqrt(this^2 + o^2)} without overflow or underflow. */
  public Val hypot(Val o) {
    return apply(BinaryFn.HYPOT, o);
  }

  /** The error function. */
  public Val erf() {
    return apply(UnaryFn.ERF);
  }

  /** The complementary error function {@code 1 - erf}, accurate where erf is near 1. */
  public Val erfc() {
    return apply(UnaryFn.ERFC);
  }

  /** The logistic function {@code 1 / (1 + e^-this)}. */
  public Val sigmoid() {
    return apply(UnaryFn.SIGMOID);
  }

  /** {@code log(1 + e^this)}, without overflow for large values; its derivative is sigmoid. */
  public Val softplus() {
    return apply(UnaryFn.SOFTPLUS);
  }

  /** The largest integer not above this; piecewise constant, so its derivative is zero. */
  public Val floor() {
    return apply(UnaryFn.FLOOR);
  }

  /** The smallest integer not below this; piecewise constant, so its derivative is zero. */
  public Val ceil() {
    return apply(UnaryFn.CEIL);
  }

  /** The nearest integer, halves to even ({@link Math#rint}); derivative zero. */
  public Val round() {
    return apply(UnaryFn.ROUND);
  }

  /** -1, 0 or 1 by sign ({@link Math#signum}: signed zeros and NaN kept); derivative zero. */
  public Val sign() {
    return apply(UnaryFn.SIGN);
  }

  /**
   * This value with a zero derivative (JAX's {@code stop_gradient}): the identity in evaluation, a
   * constant to every transform.
   */
  public Val stopGradient() {
    return apply(UnaryFn.STOP_GRADIENT);
  }

  /** Elementwise maximum; at a tie the derivative is {@code (da + db) / 2}, as in JAX. */
  public Val max(Val o) {
    return binary(new Max(), o);
  }

  /** Elementwise minimum, as {@code -max(-this, -o)}; ties share the derivative evenly. */
  public Val min(Val o) {
    return neg().max(o.neg()).neg();
  }

  /**
   * This value clipped to {@code [lo, hi]}, as {@code min(max(this, lo), hi)}: derivative 1 inside,
   * 0 outside, and half at either bound (ties share, as {@link #max}).
   */
  public Val clip(Val lo, Val hi) {
    return max(lo).min(hi);
  }

  /** Absolute value, as {@code max(this, -this)}: derivative {@code sign(x)}, and 0 at 0. */
  public Val abs() {
    return max(neg());
  }

  /** Element {@code i} of a vector (or row {@code i} of a matrix). */
  public Val get(int i) {
    return emit(new Index(i), this);
  }

  /** Number of elements along the first axis. */
  public int length() {
    if (shape().isScalar()) {
      throw new AdException("in function '" + builder.context() + "': a scalar has no length");
    }
    return shape().dim(0);
  }

  /** The sum of all elements. */
  public Val sum() {
    return emit(new Sum(), this);
  }

  /** Inner product with another vector of the same length. */
  public Val dot(Val o) {
    return emit(new Dot(), this, o);
  }

  /** Matrix times vector: {@code this} is f64[m,n], {@code x} is f64[n]; gives f64[m]. */
  public Val matvec(Val x) {
    return emit(new MatVec(), this, x);
  }

  /** The transpose of a matrix. */
  public Val t() {
    return emit(new MatT(), this);
  }

  /** The outer product {@code a b^T} of two vectors. */
  public static Val outer(Val a, Val b) {
    return a.emit(new Outer(), a, b);
  }

  /** The eigenvalues, ascending, of a symmetric matrix (not differentiable). */
  public Val eigvalsh() {
    return emit(new Eigvalsh(), this);
  }

  /** This scalar repeated into every element of {@code to} (itself when already of that shape). */
  public Val broadcast(Shape to) {
    if (shape().equals(to)) {
      return this;
    }
    return emit(new Broadcast(to), this);
  }

  /** 1.0 where {@code this < o}, else 0.0. */
  public Val lt(Val o) {
    return binary(new Compare(Compare.Op.LT), o);
  }

  /** 1.0 where {@code this <= o}, else 0.0. */
  public Val le(Val o) {
    return binary(new Compare(Compare.Op.LE), o);
  }

  /** 1.0 where {@code this > o}, else 0.0. */
  public Val gt(Val o) {
    return binary(new Compare(Compare.Op.GT), o);
  }

  /** 1.0 where {@code this >= o}, else 0.0. */
  public Val ge(Val o) {
    return binary(new Compare(Compare.Op.GE), o);
  }

  /** 1.0 where {@code this == o}, else 0.0. */
  public Val eq(Val o) {
    return binary(new Compare(Compare.Op.EQ), o);
  }

  /** 1.0 where {@code this != o}, else 0.0. */
  public Val ne(Val o) {
    return binary(new Compare(Compare.Op.NE), o);
  }

  /** {@code p != 0 ? a : b} elementwise (JAX's {@code where}); scalars broadcast. */
  public static Val select(Val p, Val a, Val b) {
    Shape s = p.shape().isScalar() ? (a.shape().isScalar() ? b.shape() : a.shape()) : p.shape();
    return p.broadcast(s).emit(new Select(), p.broadcast(s), a.broadcast(s), b.broadcast(s));
  }

  /** Stacks values of one shape along a new first axis. */
  public static Val stack(Val... parts) {
    if (parts.length == 0) {
      throw new AdException("stack needs at least one value");
    }
    return parts[0].emit(new Stack(), parts);
  }

  /** The polynomial {@code sum_i c[i] x^i}, traced as the loop {@code acc = acc + c[i] * x^i}. */
  public static Val poly(Val c, Val x) {
    Val acc = c.get(0).mul(x.pow(0));
    for (int i = 1; i < c.length(); i++) {
      acc = acc.add(c.get(i).mul(x.pow(i)));
    }
    return acc;
  }

  /**
   * The sum of two tangents where null is a symbolic zero: the one helper jvp rules use to combine
   * contributions without ever adding an explicit zero.
   */
  public static Val addTangents(Val a, Val b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a.add(b);
  }

  @Override
  public String toString() {
    return atom + ":" + shape();
  }
}
