package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/**
 * {@code rows} rows of zeros with its first input as row {@code i} (a traced scalar): the transpose
 * of {@link DynIndex}, and the reason reverse mode over a loop's own reverse is closed. An index
 * that is not an integer in range places nothing.
 *
 * @param rows the number of rows of the result
 */
public record DynPlace(int rows) implements Primitive {
  /** Checks the row count. */
  public DynPlace {
    if (rows < 1) {
      throw new AdException("dyn_place needs at least one row, got " + rows);
    }
  }

  @Override
  public String name() {
    return "dyn_place[" + rows + "]";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 2 || in[0].rank() >= 2 || !in[1].isScalar()) {
      throw new AdException("dyn_place takes a scalar or vector row and a scalar index");
    }
    return in[0].prepend(rows);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    int chunk = shapes[0].size();
    double[] r = new double[rows * chunk];
    double i = in[1][0];
    if (i >= 0 && i < rows && i == Math.rint(i)) {
      System.arraycopy(in[0], 0, r, (int) i * chunk, chunk);
    }
    return r;
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0] == null ? null : DynPlace.of(t[0], x[1], rows);
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    if (linear[1]) {
      throw new AdException("dyn_place is not linear in its index");
    }
    return new Val[] {DynIndex.of(ct, x[1]), null};
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    Val i = x[1].coeff(0);
    return m -> x[0].coeff(m) == null ? null : DynPlace.of(x[0].coeff(m), i, rows);
  }

  /** {@code row} placed at row {@code i} of {@code rows} rows of zeros. */
  public static Val of(Val row, Val i, int rows) {
    return new Val(row.builder(), row.builder().emit(new DynPlace(rows), row.atom(), i.atom()));
  }
}
