package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/** Matrix transpose {@code f64[m,n] -> f64[n,m]}; linear, and its own transpose rule. */
public record MatT() implements Primitive {
  @Override
  public String name() {
    return "transpose";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 1 || in[0].rank() != 2) {
      throw new AdException("transpose needs one matrix");
    }
    return Shape.matrix(in[0].dim(1), in[0].dim(0));
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    int m = shapes[0].dim(0);
    int n = shapes[0].dim(1);
    double[] r = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        r[j * m + i] = in[0][i * n + j];
      }
    }
    return r;
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return t[0].t();
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    return new Val[] {ct.t()};
  }

  /** The transpose of a transpose is the matrix itself. */
  @Override
  public Atom simplify(GraphBuilder b, Atom[] in) {
    Eqn def = b.definition(in[0]);
    return def != null && def.prim() instanceof MatT ? def.inputs().get(0) : null;
  }

  /** Data movement only: the nodes in transposed order. */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    Shape in0 = e.inputs().get(0).shape();
    int m = in0.dim(0);
    int n = in0.dim(1);
    int[] r = new int[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        r[j * m + i] = in[0][i * n + j];
      }
    }
    return r;
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> x[0].coeff(m) == null ? null : x[0].coeff(m).t();
  }
}
