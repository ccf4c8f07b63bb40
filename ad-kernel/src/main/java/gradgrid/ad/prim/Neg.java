package gradgrid.ad.prim;

import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/** Elementwise {@code -a}; linear. Subtraction is add of neg. */
public record Neg() implements Primitive {
  @Override
  public String name() {
    return "neg";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(1, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.map(in[0], a -> -a);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0].neg();
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    return new Val[] {ct.neg()};
  }

  @Override
  public Atom simplify(GraphBuilder b, Atom[] in) {
    Eqn def = b.definition(in[0]);
    return def != null && def.prim() instanceof Neg ? def.inputs().get(0) : null;
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return s.map(in[0], s::neg);
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> x[0].coeff(m) == null ? null : x[0].coeff(m).neg();
  }
}
