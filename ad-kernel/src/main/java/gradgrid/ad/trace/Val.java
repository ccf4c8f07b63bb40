package gradgrid.ad.trace;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.Add;
import gradgrid.ad.prim.Broadcast;
import gradgrid.ad.prim.Compare;
import gradgrid.ad.prim.Cos;
import gradgrid.ad.prim.Dot;
import gradgrid.ad.prim.Exp;
import gradgrid.ad.prim.Index;
import gradgrid.ad.prim.IntPow;
import gradgrid.ad.prim.Log;
import gradgrid.ad.prim.Max;
import gradgrid.ad.prim.Mul;
import gradgrid.ad.prim.Neg;
import gradgrid.ad.prim.Pow;
import gradgrid.ad.prim.Primitive;
import gradgrid.ad.prim.Recip;
import gradgrid.ad.prim.Select;
import gradgrid.ad.prim.Sin;
import gradgrid.ad.prim.Sqrt;
import gradgrid.ad.prim.Stack;
import gradgrid.ad.prim.Sum;
import gradgrid.ad.prim.Tanh;

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
    Atom[] atoms = new Atom[in.length];
    for (int i = 0; i < in.length; i++) {
      if (in[i].builder != builder) {
        throw new AdException(
            "in function '"
                + builder.context()
                + "': "
                + p.name()
                + " mixes values from two different traces");
      }
      atoms[i] = in[i].atom;
    }
    return new Val(builder, builder.emit(p, atoms));
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
    return binary(new Pow(), y);
  }

  /** {@code e^this}. */
  public Val exp() {
    return emit(new Exp(), this);
  }

  /** Natural logarithm. */
  public Val log() {
    return emit(new Log(), this);
  }

  /** Sine. */
  public Val sin() {
    return emit(new Sin(), this);
  }

  /** Cosine. */
  public Val cos() {
    return emit(new Cos(), this);
  }

  /** Tangent, as {@code sin / cos}. */
  public Val tan() {
    return sin().div(cos());
  }

  /** Hyperbolic tangent. */
  public Val tanh() {
    return emit(new Tanh(), this);
  }

  /** Square root. */
  public Val sqrt() {
    return emit(new Sqrt(), this);
  }

  /** Elementwise maximum; at a tie the derivative is {@code (da + db) / 2}, as in JAX. */
  public Val max(Val o) {
    return binary(new Max(), o);
  }

  /** Elementwise minimum, as {@code -max(-this, -o)}; ties share the derivative evenly. */
  public Val min(Val o) {
    return neg().max(o.neg()).neg();
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
