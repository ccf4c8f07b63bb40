package gradgrid.ad.ir;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A typed single-assignment graph: input variables, equations in dependency order, and output
 * atoms. Graphs are immutable; transforms build new ones through {@link GraphBuilder}.
 */
public final class Graph implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Var> inputs;
  private final List<Eqn> eqns;
  private final List<Atom> outputs;

  /** A graph; call {@link #typecheck()} to verify it. */
  public Graph(List<Var> inputs, List<Eqn> eqns, List<Atom> outputs) {
    this.inputs = List.copyOf(inputs);
    this.eqns = List.copyOf(eqns);
    this.outputs = List.copyOf(outputs);
  }

  /** The input variables, one per argument. */
  public List<Var> inputs() {
    return inputs;
  }

  /** The equations, each using only inputs and earlier equations' outputs. */
  public List<Eqn> eqns() {
    return eqns;
  }

  /** The outputs: variables of this graph or literals. */
  public List<Atom> outputs() {
    return outputs;
  }

  /** Shapes of the inputs. */
  public List<Shape> inputShapes() {
    return inputs.stream().map(Var::shape).toList();
  }

  /** Shapes of the outputs. */
  public List<Shape> outputShapes() {
    return outputs.stream().map(Atom::shape).toList();
  }

  /**
   * Checks single assignment, definition before use and every equation's shape rule; throws an
   * {@link AdException} with the printed graph on the first violation. Returns this graph.
   */
  public Graph typecheck() {
    Set<Var> defined = new HashSet<>();
    for (Var v : inputs) {
      if (!defined.add(v)) {
        throw fail("input " + v + " is declared twice");
      }
    }
    for (Eqn e : eqns) {
      for (Atom a : e.inputs()) {
        if (a instanceof Var v && !defined.contains(v)) {
          throw fail(v + " is used by " + e.prim().name() + " before it is defined");
        }
      }
      Shape expected;
      try {
        expected = e.prim().shape(e.inputShapes());
      } catch (AdException ex) {
        throw fail("equation defining " + e.out() + ": " + ex.getMessage());
      }
      if (!expected.equals(e.out().shape())) {
        throw fail(
            e.out()
                + " is declared "
                + e.out().shape()
                + " but "
                + e.prim().name()
                + " gives "
                + expected);
      }
      if (!defined.add(e.out())) {
        throw fail(e.out() + " is assigned twice");
      }
    }
    for (Atom a : outputs) {
      if (a instanceof Var v && !defined.contains(v)) {
        throw fail("output " + v + " is never defined");
      }
    }
    return this;
  }

  private AdException fail(String what) {
    return new AdException("graph does not typecheck: " + what + "\n" + this);
  }

  /** The jaxpr-like listing of this graph. */
  @Override
  public String toString() {
    return GraphPrinter.print(this);
  }
}
