package gradgrid.ad.transform;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;

/**
 * Assembles Jacobian blocks of shape {@code out.shape ++ in.shape} from per-element derivatives,
 * using only {@code index} and {@code stack}. Ranks above 2 are rejected with a clear message.
 */
final class Blocks {
  private Blocks() {}

  /**
   * From columns: {@code cols[k]} is the derivative of the output w.r.t. element k of the input
   * (forward mode). Returns the block {@code d out[i...] / d in[k...]}.
   */
  static Val fromColumns(String what, Shape out, Shape in, Val[] cols) {
    checkRank(what, out, in);
    if (in.isScalar()) {
      return cols[0];
    }
    if (out.isScalar()) {
      return in.rank() == 1 ? Val.stack(cols) : rows(in, cols);
    }
    Val[] rows = new Val[out.dim(0)];
    for (int i = 0; i < rows.length; i++) {
      Val[] r = new Val[cols.length];
      for (int k = 0; k < cols.length; k++) {
        r[k] = cols[k].get(i);
      }
      rows[i] = Val.stack(r);
    }
    return Val.stack(rows);
  }

  /**
   * From rows: {@code rows[e]} is the gradient of output element e w.r.t. the input (reverse mode).
   * Returns the block {@code d out[e...] / d in[...]}.
   */
  static Val fromRows(String what, Shape out, Shape in, Val[] rows) {
    checkRank(what, out, in);
    if (out.isScalar()) {
      return rows[0];
    }
    return out.rank() == 1 ? Val.stack(rows) : rows(out, rows);
  }

  /** A matrix of shape {@code s} from its {@code s.size()} scalar elements, row-major. */
  private static Val rows(Shape s, Val[] elems) {
    Val[] rows = new Val[s.dim(0)];
    for (int r = 0; r < rows.length; r++) {
      Val[] row = new Val[s.dim(1)];
      System.arraycopy(elems, r * s.dim(1), row, 0, row.length);
      rows[r] = Val.stack(row);
    }
    return Val.stack(rows);
  }

  private static void checkRank(String what, Shape out, Shape in) {
    if (out.rank() + in.rank() > 2) {
      throw new AdException(
          what
              + ": the Jacobian of an output "
              + out
              + " w.r.t. an input "
              + in
              + " would have rank "
              + (out.rank() + in.rank())
              + "; ranks above 2 are not supported");
    }
  }

  /** A one-hot literal of shape {@code s} with 1.0 at flat position {@code k}. */
  static double[] oneHot(Shape s, int k) {
    double[] d = new double[s.size()];
    d[k] = 1.0;
    return d;
  }
}
