package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.Arrays;
import java.util.function.IntFunction;

/** Element {@code i} along the first axis: {@code alpha[i]}, or row i of a matrix; linear. */
public record Index(int i) implements Primitive {
  @Override
  public String name() {
    return "index[" + i + "]";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 1 || in[0].isScalar()) {
      throw new AdException("index needs one vector or matrix argument");
    }
    if (i < 0 || i >= in[0].dim(0)) {
      throw new AdException("index " + i + " is out of range for " + in[0]);
    }
    return in[0].dropFirst();
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    int chunk = shapes[0].dropFirst().size();
    return Arrays.copyOfRange(in[0], i * chunk, (i + 1) * chunk);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0].get(i);
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    Val[] parts = new Val[shapes[0].dim(0)];
    Arrays.fill(parts, ct.zeros());
    parts[i] = ct;
    return new Val[] {Val.stack(parts)};
  }

  /** Index of a stack is the stacked element; index of a broadcast scalar is the scalar. */
  @Override
  public Atom simplify(GraphBuilder b, Atom[] in) {
    Eqn def = b.definition(in[0]);
    if (def != null && def.prim() instanceof Stack) {
      return def.inputs().get(i);
    }
    if (def != null && def.prim() instanceof Broadcast && in[0].shape().rank() == 1) {
      return def.inputs().get(0);
    }
    return null;
  }

  /** Data movement only: the chosen elements' nodes. */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    int chunk = e.inputs().get(0).shape().dropFirst().size();
    return Arrays.copyOfRange(in[0], i * chunk, (i + 1) * chunk);
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> x[0].coeff(m) == null ? null : x[0].coeff(m).get(i);
  }
}
