package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Row {@code i} of a stacked value, with {@code i} a traced scalar: how the reverse of a loop reads
 * the carry it stored at step {@code i}. Linear in the stacked value, piecewise constant in the
 * index (whose tangent is zero); an index that is not an integer in range gives NaN.
 */
public record DynIndex() implements Primitive {
  @Override
  public String name() {
    return "dyn_index";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 2 || in[0].isScalar() || !in[1].isScalar()) {
      throw new AdException("dyn_index takes a vector or matrix and a scalar index");
    }
    return in[0].dropFirst();
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    int chunk = shapes[0].dropFirst().size();
    double i = in[1][0];
    if (!(i >= 0 && i < shapes[0].dim(0)) || i != Math.rint(i)) {
      double[] nan = new double[chunk];
      Arrays.fill(nan, Double.NaN);
      return nan;
    }
    int k = (int) i;
    return Arrays.copyOfRange(in[0], k * chunk, (k + 1) * chunk);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0] == null ? null : DynIndex.of(t[0], x[1]);
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    if (linear[1]) {
      throw new AdException("dyn_index is not linear in its index");
    }
    return new Val[] {DynPlace.of(ct, x[1], shapes[0].dim(0)), null};
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    Val i = x[1].coeff(0);
    return m -> x[0].coeff(m) == null ? null : DynIndex.of(x[0].coeff(m), i);
  }

  /** Row {@code i} of {@code stacked}. */
  public static Val of(Val stacked, Val i) {
    return new Val(
        stacked.builder(), stacked.builder().emit(new DynIndex(), stacked.atom(), i.atom()));
  }
}
