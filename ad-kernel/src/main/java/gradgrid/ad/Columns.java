package gradgrid.ad;

import gradgrid.ad.ir.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of the flat columns of a kernel: one per scalar element, {@code x} for a scalar, {@code
 * alpha[2]} for a vector's element, {@code d2f/dalpha dbeta[1][3]} for a matrix's, row-major as the
 * kernel lays them out.
 */
final class Columns {
  private Columns() {}

  /** The column names of values named {@code names} with shapes {@code shapes}, in order. */
  static List<String> of(List<String> names, List<Shape> shapes) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      Shape s = shapes.get(k);
      int[] index = new int[s.rank()];
      for (int e = 0; e < s.size(); e++) {
        StringBuilder c = new StringBuilder(names.get(k));
        for (int i : index) {
          c.append('[').append(i).append(']');
        }
        out.add(c.toString());
        for (int d = index.length - 1; d >= 0 && ++index[d] == s.dim(d); d--) {
          index[d] = 0;
        }
      }
    }
    return out;
  }
}
