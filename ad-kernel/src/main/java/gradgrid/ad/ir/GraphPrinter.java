package gradgrid.ad.ir;

import java.util.stream.Collectors;

/**
 * Prints a graph the way JAX prints a jaxpr, for error messages and debugging:
 *
 * <pre>
 * { lambda v0:f64 v1:f64[6] . let
 *     v2:f64 = index[0] v1
 *     v3:f64 = mul v2 v0
 *   in (v3) }
 * </pre>
 */
public final class GraphPrinter {
  private GraphPrinter() {}

  /** The listing of {@code g}. */
  public static String print(Graph g) {
    StringBuilder sb = new StringBuilder("{ lambda ");
    sb.append(g.inputs().stream().map(v -> v + ":" + v.shape()).collect(Collectors.joining(" ")));
    sb.append(" . let\n");
    for (Eqn e : g.eqns()) {
      sb.append("    ")
          .append(e.out())
          .append(':')
          .append(e.out().shape())
          .append(" = ")
          .append(e.prim().name());
      for (Atom a : e.inputs()) {
        sb.append(' ').append(a);
      }
      sb.append('\n');
    }
    sb.append("  in (");
    sb.append(g.outputs().stream().map(Atom::toString).collect(Collectors.joining(", ")));
    return sb.append(") }").toString();
  }
}
