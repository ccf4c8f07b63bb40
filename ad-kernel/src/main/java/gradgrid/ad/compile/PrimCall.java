package gradgrid.ad.compile;

import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.Primitive;

/**
 * A primitive the code generator has no inline template for, evaluated per row through its own
 * {@code eval} rule (so results equal the interpreter's exactly). Called by generated code; not
 * meant for direct use.
 */
public final class PrimCall {
  private final Primitive prim;
  private final Shape[] shapes;

  PrimCall(Primitive prim, Shape[] shapes) {
    this.prim = prim;
    this.shapes = shapes.clone();
  }

  /** Splits the flat arguments by input shape and evaluates the primitive. */
  public double[] eval(double[] flat) {
    double[][] in = new double[shapes.length][];
    int at = 0;
    for (int i = 0; i < in.length; i++) {
      in[i] = new double[shapes[i].size()];
      System.arraycopy(flat, at, in[i], 0, in[i].length);
      at += in[i].length;
    }
    return prim.eval(shapes, in);
  }
}
