package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.Arrays;
import java.util.function.IntFunction;

/** Stacks {@code n} values of one shape along a new first axis; linear in all of them. */
public record Stack() implements Primitive {
  @Override
  public String name() {
    return "stack";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length == 0) {
      throw new AdException("stack needs at least one argument");
    }
    for (Shape s : in) {
      if (!s.equals(in[0])) {
        throw new AdException("stack arguments must have the same shape");
      }
    }
    if (in[0].rank() >= 2) {
      throw new AdException(
          "stack of " + in[0] + " would have rank 3; ranks above 2 are not supported");
    }
    return in[0].prepend(in.length);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    int chunk = shapes[0].size();
    double[] r = new double[chunk * in.length];
    for (int k = 0; k < in.length; k++) {
      System.arraycopy(in[k], 0, r, k * chunk, chunk);
    }
    return r;
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    Val[] parts = new Val[t.length];
    for (int k = 0; k < t.length; k++) {
      parts[k] = t[k] != null ? t[k] : x[k].zeros();
    }
    return Val.stack(parts);
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    Val[] r = new Val[shapes.length];
    for (int k = 0; k < r.length; k++) {
      r[k] = linear[k] ? ct.get(k) : null;
    }
    return r;
  }

  /** Data movement only: the parts' nodes one after another. */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return Arrays.stream(in).flatMapToInt(Arrays::stream).toArray();
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> {
      Val[] parts = new Val[x.length];
      boolean any = false;
      for (int k = 0; k < x.length; k++) {
        parts[k] = x[k].coeff(m);
        any |= parts[k] != null;
        if (parts[k] == null) {
          parts[k] = x[k].coeff(0).zeros();
        }
      }
      return any ? Val.stack(parts) : null;
    };
  }
}
