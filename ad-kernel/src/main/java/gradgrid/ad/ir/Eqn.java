package gradgrid.ad.ir;

import gradgrid.ad.prim.Primitive;
import java.io.Serializable;
import java.util.List;

/**
 * One equation {@code out = prim(inputs)}. Parameters of the primitive (an exponent, an index) live
 * in the primitive value itself, so two equations are the same computation exactly when their
 * primitives and inputs are equal.
 */
public record Eqn(Primitive prim, List<Atom> inputs, Var out) implements Serializable {
  /** Creates an equation; the input list is copied. */
  public Eqn {
    inputs = List.copyOf(inputs);
  }

  /** The input shapes, in order. */
  public Shape[] inputShapes() {
    Shape[] s = new Shape[inputs.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = inputs.get(i).shape();
    }
    return s;
  }
}
