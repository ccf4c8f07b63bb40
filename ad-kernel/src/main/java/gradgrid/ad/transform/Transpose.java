package gradgrid.ad.transform;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.ir.Var;
import gradgrid.ad.prim.CustomJvp;
import gradgrid.ad.prim.Loop;
import gradgrid.ad.prim.Stack;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode as JAX does it: linearize (the jvp graph, whose tangent part is linear in the input
 * tangents), then transpose the linear part equation by equation in reverse with each primitive's
 * transpose rule. The primal part is emitted forward once and shared.
 */
public final class Transpose {
  private Transpose() {}

  /**
   * Emits into {@code b} the vector-Jacobian product of {@code g} at {@code primals} w.r.t. the
   * inputs {@code wrt}, for output cotangents {@code outCts} (null entries are zero). Returns the
   * primal outputs followed by one cotangent per entry of {@code wrt}.
   */
  public static Val[] pullback(GraphBuilder b, Graph g, Val[] primals, int[] wrt, Val[] outCts) {
    requireLinearRules(b.context(), g);
    Graph lin = linearized(b.context(), g, wrt);
    return transposed(b, lin, primals, g.outputs().size(), outCts);
  }

  /**
   * Emits into {@code b} the transpose of {@code lin}, whose inputs are {@code primals.length}
   * primal values then the linear inputs, and whose outputs are {@code m} primal values then the
   * linear outputs, given their cotangents {@code outCts} (null entries are zero). Returns the
   * primal outputs followed by one cotangent per linear input.
   */
  static Val[] transposed(GraphBuilder b, Graph lin, Val[] primals, int m, Val[] outCts) {
    int n = primals.length;
    int nLinear = lin.inputs().size() - n;
    Set<Var> linear = new HashSet<>(lin.inputs().subList(n, n + nLinear));
    List<Eqn> linearEqns = new ArrayList<>();
    Map<Var, Val> env = new HashMap<>();
    for (int i = 0; i < n; i++) {
      env.put(lin.inputs().get(i), primals[i]);
    }
    for (Eqn e : lin.eqns()) {
      if (e.inputs().stream().anyMatch(a -> a instanceof Var v && linear.contains(v))) {
        linear.add(e.out());
        linearEqns.add(e);
      } else {
        Atom[] in = e.inputs().stream().map(a -> value(b, env, a).atom()).toArray(Atom[]::new);
        env.put(e.out(), new Val(b, b.emit(e.prim(), in)));
      }
    }
    Map<Var, Val> ct = new HashMap<>();
    for (int j = 0; j < outCts.length; j++) {
      if (outCts[j] != null && lin.outputs().get(m + j) instanceof Var v && linear.contains(v)) {
        accumulate(ct, v, outCts[j]);
      }
    }
    for (int i = linearEqns.size() - 1; i >= 0; i--) {
      Eqn e = linearEqns.get(i);
      Val c = ct.remove(e.out());
      if (c == null) {
        continue;
      }
      int k = e.inputs().size();
      Val[] x = new Val[k];
      boolean[] flags = new boolean[k];
      for (int a = 0; a < k; a++) {
        Atom in = e.inputs().get(a);
        flags[a] = in instanceof Var v && linear.contains(v);
        x[a] = flags[a] ? null : value(b, env, in);
      }
      Val[] cts =
          e.prim() instanceof Loop l
              ? LoopRules.transpose(l, c, x, e.inputShapes(), flags)
              : e.prim().transpose(c, x, e.inputShapes(), flags);
      for (int a = 0; a < k; a++) {
        Val ca = Jvp.symbolic(cts[a]);
        if (flags[a] && ca != null) {
          accumulate(ct, (Var) e.inputs().get(a), ca);
        }
      }
    }
    Val[] out = new Val[m + nLinear];
    for (int j = 0; j < m; j++) {
      out[j] = value(b, env, lin.outputs().get(j));
    }
    for (int k = 0; k < nLinear; k++) {
      Var tin = lin.inputs().get(n + k);
      Val c = ct.get(tin);
      out[m + k] = c != null ? c : new Val(b, Lit.filled(tin.shape(), 0.0));
    }
    return out;
  }

  /**
   * Refuses, naming the function, a {@code customJvp} rule in {@code g} that reverse mode cannot
   * transpose because it is not linear in its tangents: each rule is transposed once on its own,
   * into a scratch graph, before the real pass starts.
   */
  private static void requireLinearRules(String context, Graph g) {
    Set<CustomJvp> checked = new HashSet<>();
    for (Eqn e : g.eqns()) {
      if (e.prim() instanceof CustomJvp c && checked.add(c)) {
        Graph rule = c.rule();
        int n = c.body().inputs().size();
        GraphBuilder scratch = new GraphBuilder(context);
        Val[] primals = new Val[n];
        for (int i = 0; i < n; i++) {
          primals[i] = new Val(scratch, scratch.addInput(rule.inputs().get(i).shape()));
        }
        Val[] cts = new Val[rule.outputs().size()];
        for (int j = 0; j < cts.length; j++) {
          cts[j] = new Val(scratch, scratch.addInput(rule.outputs().get(j).shape()));
        }
        try {
          transposed(scratch, rule, primals, 0, cts);
        } catch (AdException ex) {
          throw new AdException(
              "reverse mode of '"
                  + context
                  + "' needs the tangent rule of customJvp function '"
                  + c.function()
                  + "' to be linear in its tangents, but it is not ("
                  + ex.getMessage()
                  + "); the rule is\n"
                  + rule,
              ex);
        }
      }
    }
  }

  /** The jvp graph of {@code g}: inputs are the primals then tangents of {@code wrt}. */
  private static Graph linearized(String context, Graph g, int[] wrt) {
    GraphBuilder lb = new GraphBuilder(context);
    int n = g.inputs().size();
    Val[] primals = new Val[n];
    Val[] tangents = new Val[n];
    for (int i = 0; i < n; i++) {
      primals[i] = new Val(lb, lb.addInput(g.inputs().get(i).shape()));
    }
    for (int i : wrt) {
      tangents[i] = new Val(lb, lb.addInput(g.inputs().get(i).shape()));
    }
    Val[] outs = Jvp.apply(lb, g, primals, tangents, true);
    List<Atom> atoms = new ArrayList<>();
    for (int j = 0; j < outs.length; j++) {
      Shape s = g.outputs().get(j % g.outputs().size()).shape();
      atoms.add(outs[j] != null ? outs[j].atom() : Lit.filled(s, 0.0));
    }
    return lb.build(atoms);
  }

  private static Val value(GraphBuilder b, Map<Var, Val> env, Atom a) {
    if (a instanceof Var v) {
      Val x = env.get(v);
      if (x == null) {
        throw new AdException("internal: primal value " + v + " was not computed");
      }
      return x;
    }
    return new Val(b, a);
  }

  private static void accumulate(Map<Var, Val> ct, Var v, Val c) {
    Val old = ct.get(v);
    ct.put(v, old == null ? c : plus(old, c));
  }

  /**
   * Adds two cotangents. Transposing {@code index} gives a stack holding zero literals in every
   * other slot; those zeros are symbolic (no computation produced them), so stacks add slot by slot
   * and zero slots are skipped rather than added.
   */
  static Val plus(Val a, Val c) {
    if (a.atom() instanceof Lit l && l.isZero()) {
      return c;
    }
    if (c.atom() instanceof Lit l && l.isZero()) {
      return a;
    }
    GraphBuilder b = a.builder();
    Eqn da = b.definition(a.atom());
    Eqn dc = b.definition(c.atom());
    if (da != null && dc != null && da.prim() instanceof Stack && dc.prim() instanceof Stack) {
      Val[] parts = new Val[da.inputs().size()];
      for (int k = 0; k < parts.length; k++) {
        parts[k] = plus(new Val(b, da.inputs().get(k)), new Val(b, dc.inputs().get(k)));
      }
      return Val.stack(parts);
    }
    return a.add(c);
  }
}
