package gradgrid.ad.ir;

import java.io.Serializable;

/** An operand of an equation: a variable defined in the graph, or a literal constant. */
public sealed interface Atom extends Serializable permits Var, Lit {
  /** The type of the value. */
  Shape shape();
}
