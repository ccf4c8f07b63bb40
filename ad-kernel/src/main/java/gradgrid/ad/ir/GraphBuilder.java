package gradgrid.ad.ir;

import gradgrid.ad.prim.Primitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a graph one equation at a time. Every emitted equation is shape-checked, constant-folded
 * when all its inputs are literals, offered to its primitive's exact {@code simplify} rule, and
 * deduplicated (common-subexpression elimination); {@link #build} then drops dead equations. None
 * of these rewrites changes a single bit of any result: there is no {@code x*0 -> 0}.
 */
public final class GraphBuilder {
  private record Key(Primitive prim, List<Atom> inputs) {}

  private final String context;
  private final GraphBuilder parent;
  private final Map<Var, Var> captured = new LinkedHashMap<>();
  private final List<Var> inputs = new ArrayList<>();
  private final List<Eqn> eqns = new ArrayList<>();
  private final Map<Key, Var> seen = new HashMap<>();
  private final Map<Var, Eqn> definitions = new HashMap<>();
  private int nextId;

  /** A builder for a graph of the function named {@code context} (used in error messages). */
  public GraphBuilder(String context) {
    this(context, null);
  }

  private GraphBuilder(String context, GraphBuilder parent) {
    this.context = context;
    this.parent = parent;
  }

  /**
   * A builder for a graph nested in this one (a loop body): values of this builder, or of its
   * enclosing builders, used in the nested one become inputs of the nested graph, listed by {@link
   * #captures()}.
   */
  public GraphBuilder nested() {
    return new GraphBuilder(context, this);
  }

  /** True when {@code other} is this builder or one it is nested in. */
  public boolean within(GraphBuilder other) {
    for (GraphBuilder b = this; b != null; b = b.parent) {
      if (b == other) {
        return true;
      }
    }
    return false;
  }

  /**
   * The atom standing in this builder for {@code a} of builder {@code owner}, which must be this
   * builder or one it is nested in: {@code a} itself, or the input of this graph that captures it.
   */
  public Atom capture(GraphBuilder owner, Atom a) {
    if (owner == this || a instanceof Lit) {
      return a;
    }
    if (parent == null || !within(owner)) {
      throw new AdException("in function '" + context + "': a value from another trace is used");
    }
    Atom outer = parent.capture(owner, a);
    if (outer instanceof Lit) {
      return outer;
    }
    return captured.computeIfAbsent((Var) outer, v -> addInput(v.shape()));
  }

  /**
   * The values of the enclosing builder that this nested graph captured, in the order of the inputs
   * they became (after the inputs declared before the first capture).
   */
  public List<Var> captures() {
    return List.copyOf(captured.keySet());
  }

  /** The name of the function being built. */
  public String context() {
    return context;
  }

  /** Declares the next input of the graph. */
  public Var addInput(Shape shape) {
    Var v = new Var(nextId++, shape);
    inputs.add(v);
    return v;
  }

  /** The equation that defines {@code a}, or null for inputs and literals. */
  public Eqn definition(Atom a) {
    return a instanceof Var v ? definitions.get(v) : null;
  }

  /** Emits {@code prim(in...)} and returns the atom holding its result. */
  public Atom emit(Primitive prim, Atom... in) {
    Shape[] shapes = new Shape[in.length];
    for (int i = 0; i < in.length; i++) {
      shapes[i] = in[i].shape();
    }
    Shape out;
    try {
      out = prim.shape(shapes);
    } catch (AdException e) {
      throw new AdException(
          "in function '"
              + context
              + "': "
              + prim.name()
              + " cannot take arguments of shapes "
              + Arrays.toString(shapes)
              + ": "
              + e.getMessage()
              + "\nthe graph so far:\n"
              + snapshot(List.of()),
          e);
    }
    if (Arrays.stream(in).allMatch(a -> a instanceof Lit)) {
      double[][] vals = new double[in.length][];
      for (int i = 0; i < in.length; i++) {
        vals[i] = ((Lit) in[i]).data();
      }
      return new Lit(out, prim.eval(shapes, vals));
    }
    Atom simpler = prim.simplify(this, in);
    if (simpler != null) {
      return simpler;
    }
    Atom[] key = in.clone();
    if (prim.commutative() && key.length == 2 && order(key[1]) < order(key[0])) {
      key = new Atom[] {key[1], key[0]};
    }
    Key k = new Key(prim, List.of(key));
    Var hit = seen.get(k);
    if (hit != null) {
      return hit;
    }
    Var v = new Var(nextId++, out);
    Eqn e = new Eqn(prim, List.of(key), v);
    eqns.add(e);
    definitions.put(v, e);
    seen.put(k, v);
    return v;
  }

  /** Literals first (by hash), then variables by id: a canonical order for commutative inputs. */
  private static long order(Atom a) {
    return a instanceof Var v ? v.id() : Long.MIN_VALUE + (a.hashCode() & 0xffffffffL);
  }

  /**
   * Re-emits the equations of {@code g} with its inputs bound to {@code args}, returning the atoms
   * for its outputs. Used for composition, and (with fresh inputs) as the clean-up pass.
   */
  public Atom[] inline(Graph g, Atom... args) {
    if (args.length != g.inputs().size()) {
      throw new AdException(
          "in function '"
              + context
              + "': a graph of "
              + g.inputs().size()
              + " inputs called with "
              + args.length
              + " arguments\n"
              + g);
    }
    Map<Var, Atom> env = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].shape().equals(g.inputs().get(i).shape())) {
        throw new AdException(
            "in function '"
                + context
                + "': argument "
                + i
                + " has shape "
                + args[i].shape()
                + " but the graph expects "
                + g.inputs().get(i).shape()
                + "\n"
                + g);
      }
      env.put(g.inputs().get(i), args[i]);
    }
    for (Eqn e : g.eqns()) {
      Atom[] in = new Atom[e.inputs().size()];
      for (int i = 0; i < in.length; i++) {
        in[i] = map(env, e.inputs().get(i));
      }
      env.put(e.out(), emit(e.prim(), in));
    }
    Atom[] out = new Atom[g.outputs().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = map(env, g.outputs().get(i));
    }
    return out;
  }

  private static Atom map(Map<Var, Atom> env, Atom a) {
    return a instanceof Var v ? env.get(v) : a;
  }

  /**
   * Finishes the graph with the given outputs: drops equations no output needs (dead-code
   * elimination), renumbers variables densely and typechecks the result.
   */
  public Graph build(List<? extends Atom> outputs) {
    Set<Var> live = new LinkedHashSet<>();
    for (Atom a : outputs) {
      if (a instanceof Var v) {
        live.add(v);
      }
    }
    List<Eqn> kept = new ArrayList<>();
    for (int i = eqns.size() - 1; i >= 0; i--) {
      Eqn e = eqns.get(i);
      if (live.contains(e.out())) {
        kept.add(e);
        for (Atom a : e.inputs()) {
          if (a instanceof Var v) {
            live.add(v);
          }
        }
      }
    }
    java.util.Collections.reverse(kept);
    Map<Var, Var> rename = new HashMap<>();
    List<Var> newInputs = new ArrayList<>();
    for (Var v : inputs) {
      Var r = new Var(rename.size(), v.shape());
      rename.put(v, r);
      newInputs.add(r);
    }
    List<Eqn> newEqns = new ArrayList<>();
    for (Eqn e : kept) {
      List<Atom> in = e.inputs().stream().map(a -> renamed(rename, a)).toList();
      Var r = new Var(rename.size(), e.out().shape());
      rename.put(e.out(), r);
      newEqns.add(new Eqn(e.prim(), in, r));
    }
    List<Atom> newOut = outputs.stream().map(a -> renamed(rename, a)).toList();
    return new Graph(newInputs, newEqns, newOut).typecheck();
  }

  private static Atom renamed(Map<Var, Var> rename, Atom a) {
    if (a instanceof Var v) {
      Var r = rename.get(v);
      if (r == null) {
        throw new AdException("variable " + v + " does not belong to this builder");
      }
      return r;
    }
    return a;
  }

  private String snapshot(List<Atom> outputs) {
    return GraphPrinter.print(new Graph(inputs, eqns, outputs));
  }
}
