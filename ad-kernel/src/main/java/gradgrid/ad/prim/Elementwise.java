package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Shape and evaluation helpers shared by the elementwise primitives. */
final class Elementwise {
  private Elementwise() {}

  /** All inputs must have one shape, which is the output shape. */
  static Shape same(int arity, Shape... in) {
    if (in.length != arity) {
      throw new AdException("expects " + arity + " arguments, got " + in.length);
    }
    for (Shape s : in) {
      if (!s.equals(in[0])) {
        throw new AdException("arguments must have the same shape");
      }
    }
    return in[0];
  }

  static double[] map(double[] a, DoubleUnaryOperator f) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = f.applyAsDouble(a[i]);
    }
    return r;
  }

  static double[] zip(double[] a, double[] b, DoubleBinaryOperator f) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = f.applyAsDouble(a[i], b[i]);
    }
    return r;
  }
}
