package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.Arrays;
import java.util.function.IntFunction;

/** A scalar repeated into every element of {@code to}; linear, its transpose is {@link Sum}. */
public record Broadcast(Shape to) implements Primitive {
  @Override
  public String name() {
    return "broadcast" + to.toString().substring(3);
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 1 || !in[0].isScalar()) {
      throw new AdException("broadcast takes one scalar");
    }
    return to;
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    double[] r = new double[to.size()];
    Arrays.fill(r, in[0][0]);
    return r;
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0].broadcast(to);
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    return new Val[] {ct.sum()};
  }

  /** Data movement only: the scalar's node in every element. */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    int[] r = new int[to.size()];
    Arrays.fill(r, in[0][0]);
    return r;
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> x[0].coeff(m) == null ? null : x[0].coeff(m).broadcast(to);
  }
}
