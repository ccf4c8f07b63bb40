package gradgrid.ad.ir;

import gradgrid.ad.prim.Loop;
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
    return print(g, "");
  }

  /** The listing with every line after the first indented by {@code indent}. */
  private static String print(Graph g, String indent) {
    StringBuilder sb = new StringBuilder("{ lambda ");
    sb.append(g.inputs().stream().map(v -> v + ":" + v.shape()).collect(Collectors.joining(" ")));
    sb.append(" . let\n");
    for (Eqn e : g.eqns()) {
      sb.append(indent)
          .append("    ")
          .append(e.out())
          .append(':')
          .append(e.out().shape())
          .append(" = ")
          .append(e.prim().name());
      for (Atom a : e.inputs()) {
        sb.append(' ').append(a);
      }
      if (e.prim() instanceof Loop l) {
        sb.append("\n")
            .append(indent)
            .append("      body ")
            .append(print(l.body(), indent + "      "));
      }
      sb.append('\n');
    }
    sb.append(indent).append("  in (");
    sb.append(g.outputs().stream().map(Atom::toString).collect(Collectors.joining(", ")));
    return sb.append(") }").toString();
  }
}
