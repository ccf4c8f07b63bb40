package gradgrid.ad.transform;

import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Var;
import gradgrid.ad.prim.Loop;
import gradgrid.ad.trace.Val;
import java.util.HashMap;
import java.util.Map;

/**
 * Forward mode: pushes tangents through a graph with each primitive's jvp rule. Tangents are
 * symbolic: null stands for an exact zero, and a rule is not even called when all its input
 * tangents are zero, so differentiating w.r.t. alpha does no work for x. A tangent that folds to an
 * all-zero literal (index of a one-hot basis vector) is a symbolic zero too.
 */
public final class Jvp {
  private Jvp() {}

  /**
   * Emits the primal and tangent computation of {@code g} into {@code b}. {@code tangents[i]} is
   * the tangent of input i or null for zero. Returns the primal outputs followed by the output
   * tangents (null where an output does not depend on any tangent).
   */
  public static Val[] apply(GraphBuilder b, Graph g, Val[] primals, Val[] tangents) {
    return apply(b, g, primals, tangents, false);
  }

  /**
   * {@link #apply}, with {@code linearize} true when the result is to be transposed: then every
   * equation's primal is its own equation, apart from the tangent part (which a loop's forward mode
   * otherwise shares).
   */
  static Val[] apply(GraphBuilder b, Graph g, Val[] primals, Val[] tangents, boolean linearize) {
    Map<Var, Val> primal = new HashMap<>();
    Map<Var, Val> tangent = new HashMap<>();
    for (int i = 0; i < primals.length; i++) {
      Var in = g.inputs().get(i);
      primal.put(in, primals[i]);
      if (tangents[i] != null) {
        tangent.put(in, tangents[i]);
      }
    }
    for (Eqn e : g.eqns()) {
      int n = e.inputs().size();
      Val[] x = new Val[n];
      Val[] t = new Val[n];
      Atom[] atoms = new Atom[n];
      boolean any = false;
      for (int i = 0; i < n; i++) {
        Atom a = e.inputs().get(i);
        x[i] = a instanceof Var v ? primal.get(v) : new Val(b, a);
        t[i] = a instanceof Var v ? tangent.get(v) : null;
        atoms[i] = x[i].atom();
        any |= t[i] != null;
      }
      if (any && e.prim() instanceof Loop l) {
        Val[] yt = LoopRules.jvp(l, x, t, b, linearize);
        primal.put(e.out(), yt[0] != null ? yt[0] : new Val(b, b.emit(l, atoms)));
        Val ty = symbolic(yt[1]);
        if (ty != null) {
          tangent.put(e.out(), ty);
        }
        continue;
      }
      Val y = new Val(b, b.emit(e.prim(), atoms));
      primal.put(e.out(), y);
      if (any) {
        Val ty = symbolic(e.prim().jvp(x, t, y));
        if (ty != null) {
          tangent.put(e.out(), ty);
        }
      }
    }
    int m = g.outputs().size();
    Val[] out = new Val[2 * m];
    for (int j = 0; j < m; j++) {
      Atom a = g.outputs().get(j);
      out[j] = a instanceof Var v ? primal.get(v) : new Val(b, a);
      out[m + j] = a instanceof Var v ? tangent.get(v) : null;
    }
    return out;
  }

  /** An all-zero literal tangent is a symbolic zero. */
  static Val symbolic(Val t) {
    return t != null && t.atom() instanceof Lit l && l.isZero() ? null : t;
  }
}
