package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/** Elementwise {@code a * b}; linear in either input when the other is held fixed. */
public record Mul() implements Primitive {
  @Override
  public String name() {
    return "mul";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(2, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.zip(in[0], in[1], (a, b) -> a * b);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    // d(ab) = da b + a db
    return Val.addTangents(
        t[0] == null ? null : t[0].mul(x[1]), t[1] == null ? null : x[0].mul(t[1]));
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    if (linear[0] && linear[1]) {
      throw new AdException("mul of two tangents is not linear");
    }
    return linear[0] ? new Val[] {ct.mul(x[1]), null} : new Val[] {null, x[0].mul(ct)};
  }

  /** {@code x * 1 -> x} is exact in IEEE arithmetic (NaN, infinities and -0.0 included). */
  @Override
  public Atom simplify(GraphBuilder b, Atom[] in) {
    if (in[1] instanceof Lit l && l.isAll(1.0)) {
      return in[0];
    }
    if (in[0] instanceof Lit l && l.isAll(1.0)) {
      return in[1];
    }
    return null;
  }

  @Override
  public boolean commutative() {
    return true;
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return s.zip(in[0], in[1], s::mul);
  }

  /** Cauchy's product. */
  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> Series.cauchy(m, x[0], x[1], Val::mul);
  }
}
