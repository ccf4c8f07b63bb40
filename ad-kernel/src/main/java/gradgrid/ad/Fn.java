package gradgrid.ad;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Interpreter;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A traced function: named parameters, a typed graph, and named outputs. Every transform in {@link
 * AD} takes an {@code Fn} and returns a new one, so transforms compose to any depth.
 */
public final class Fn implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<Param> params;
  private final List<String> outputNames;
  private final Graph graph;

  /** A function over an existing graph; the graph's inputs must match {@code params}. */
  public Fn(String name, List<Param> params, List<String> outputNames, Graph graph) {
    this.name = name;
    this.params = List.copyOf(params);
    this.outputNames = List.copyOf(outputNames);
    this.graph = graph.typecheck();
    if (graph.inputs().size() != params.size()) {
      throw new AdException(
          "function '"
              + name
              + "' declares "
              + params.size()
              + " parameters but its graph takes "
              + graph.inputs().size()
              + "\n"
              + graph);
    }
    for (int i = 0; i < params.size(); i++) {
      if (!params.get(i).shape().equals(graph.inputs().get(i).shape())) {
        throw new AdException(
            "function '"
                + name
                + "': parameter "
                + params.get(i)
                + " does not match graph input "
                + graph.inputs().get(i).shape());
      }
    }
    if (outputNames.size() != graph.outputs().size()) {
      throw new AdException(
          "function '"
              + name
              + "' names "
              + outputNames.size()
              + " outputs but returns "
              + graph.outputs().size());
    }
  }

  /** Traces a single-output function: {@code body} receives one value per parameter. */
  public static Fn trace(String name, List<Param> params, Function<Val[], Val> body) {
    return traceMany(name, params, List.of(name), args -> new Val[] {body.apply(args)});
  }

  /** Traces a function with several named outputs. */
  public static Fn traceMany(
      String name, List<Param> params, List<String> outputNames, Function<Val[], Val[]> body) {
    checkDistinct(name, params);
    GraphBuilder b = new GraphBuilder(name);
    Val[] args = new Val[params.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = new Val(b, b.addInput(params.get(i).shape()));
    }
    Val[] outs = body.apply(args);
    List<Atom> atoms = new ArrayList<>();
    for (Val v : outs) {
      if (v.builder() != b) {
        throw new AdException("function '" + name + "' returned a value from another trace");
      }
      atoms.add(v.atom());
    }
    return new Fn(name, params, outputNames, b.build(atoms));
  }

  private static void checkDistinct(String name, List<Param> params) {
    for (int i = 0; i < params.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (params.get(i).name().equals(params.get(j).name())) {
          throw new AdException(
              "function '" + name + "' has two parameters named '" + params.get(i).name() + "'");
        }
      }
    }
  }

  /** The function's name, used in error messages and derived names. */
  public String name() {
    return name;
  }

  /** The parameters in order. */
  public List<Param> params() {
    return params;
  }

  /** The names of the outputs in order. */
  public List<String> outputNames() {
    return outputNames;
  }

  /** The shapes of the outputs in order. */
  public List<Shape> outputShapes() {
    return graph.outputShapes();
  }

  /** The typed graph. */
  public Graph graph() {
    return graph;
  }

  /** Number of equations in the graph (a measure of the work per point). */
  public int eqnCount() {
    return graph.eqns().size();
  }

  /** Index of the parameter named {@code param}; throws naming the known parameters if absent. */
  public int paramIndex(String param) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name().equals(param)) {
        return i;
      }
    }
    throw new AdException(
        "function '" + name + "' has no parameter '" + param + "'; it takes " + signature());
  }

  /** {@code x:f64, alpha:f64[6]} style list of the parameters. */
  public String signature() {
    return params.stream().map(Param::toString).collect(Collectors.joining(", "));
  }

  /** The same function with outputs renamed. */
  public Fn withOutputNames(List<String> names) {
    return new Fn(name, params, names, graph);
  }

  /** The same function under another name. */
  public Fn named(String newName) {
    return new Fn(newName, params, outputNames, graph);
  }

  /**
   * Evaluates with the reference interpreter: one flat row-major array per parameter; returns one
   * flat array per output.
   */
  public double[][] call(double[]... args) {
    checkArgs(args);
    return Interpreter.eval(graph, args);
  }

  /** Evaluates a single-output, scalar-valued function. */
  public double callScalar(double[]... args) {
    if (graph.outputs().size() != 1 || !graph.outputs().get(0).shape().isScalar()) {
      throw new AdException(
          "function '" + name + "' does not return one scalar; it returns " + outputShapes());
    }
    return call(args)[0][0];
  }

  private void checkArity(int got) {
    if (got != params.size()) {
      throw new AdException(
          "function '"
              + name
              + "' takes "
              + params.size()
              + " arguments ("
              + signature()
              + "), got "
              + got);
    }
  }

  private void checkArgs(double[][] args) {
    checkArity(args.length);
    for (int i = 0; i < args.length; i++) {
      Shape s = params.get(i).shape();
      if (args[i] == null || args[i].length != s.size()) {
        throw new AdException(
            "function '"
                + name
                + "': argument '"
                + params.get(i).name()
                + "' has shape "
                + s
                + " ("
                + s.size()
                + " values), got "
                + (args[i] == null ? "null" : args[i].length + " values"));
      }
    }
  }

  /** Calls this function inside another trace, inlining its graph. */
  public Val[] apply(Val... args) {
    checkArity(args.length);
    GraphBuilder b = args[0].builder();
    Atom[] atoms = new Atom[args.length];
    for (int i = 0; i < args.length; i++) {
      if (!args[i].shape().equals(params.get(i).shape())) {
        throw new AdException(
            "function '"
                + name
                + "': argument '"
                + params.get(i).name()
                + "' must be "
                + params.get(i).shape()
                + ", got "
                + args[i].shape());
      }
      atoms[i] = args[i].atom();
    }
    Atom[] out = b.inline(graph, atoms);
    Val[] r = new Val[out.length];
    for (int i = 0; i < out.length; i++) {
      r[i] = new Val(b, out[i]);
    }
    return r;
  }

  /**
   * One function computing the outputs of all {@code fns} (which must share parameters), so a
   * single compiled kernel computes them together and shares their common subexpressions.
   */
  public static Fn concat(String name, Fn... fns) {
    if (fns.length == 0) {
      throw new AdException("concat needs at least one function");
    }
    List<Param> params = fns[0].params;
    List<String> names = new ArrayList<>();
    for (Fn f : fns) {
      if (!f.params.equals(params)) {
        throw new AdException(
            "concat '"
                + name
                + "': '"
                + f.name
                + "' takes ("
                + f.signature()
                + ") but '"
                + fns[0].name
                + "' takes ("
                + fns[0].signature()
                + ")");
      }
      names.addAll(f.outputNames);
    }
    return traceMany(
        name,
        params,
        names,
        args -> {
          List<Val> outs = new ArrayList<>();
          for (Fn f : fns) {
            outs.addAll(List.of(f.apply(args)));
          }
          return outs.toArray(new Val[0]);
        });
  }

  /** The name, signature and graph listing. */
  @Override
  public String toString() {
    return name + "(" + signature() + ") -> " + outputNames + " =\n" + graph;
  }
}
