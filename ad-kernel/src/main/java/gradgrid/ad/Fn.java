package gradgrid.ad;

import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Interpreter;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Val;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final boolean jit;
  private transient volatile Kernel kernel;

  /** A function over an existing graph; the graph's inputs must match {@code params}. */
  public Fn(String name, List<Param> params, List<String> outputNames, Graph graph) {
    this.jit = false;
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

  /** The same function, marked to evaluate through a compiled kernel ({@code jit} flag). */
  private Fn(Fn f) {
    this.name = f.name;
    this.params = f.params;
    this.outputNames = f.outputNames;
    this.graph = f.graph;
    this.jit = true;
  }

  /**
   * This function marked for compilation: {@link #call} and {@link #callBatch} run a fused kernel
   * from the compile cache, and every transform of it is marked too. See {@link AD#jit}.
   */
  public Fn jit() {
    return jit ? this : new Fn(this);
  }

  /** True when this function evaluates through a compiled kernel. */
  public boolean isJit() {
    return jit;
  }

  /** {@code f} marked for compilation when this function is. */
  Fn sameMode(Fn f) {
    return jit ? f.jit() : f;
  }

  /** The compiled kernel of this function's graph (compiled on first use, then cached). */
  public Kernel kernel() {
    Kernel k = kernel;
    if (k == null) {
      k = Jit.compile(graph);
      kernel = k;
    }
    return k;
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
    return sameMode(new Fn(name, params, names, graph));
  }

  /** The same function under another name. */
  public Fn named(String newName) {
    return sameMode(new Fn(newName, params, outputNames, graph));
  }

  /**
   * Evaluates with the reference interpreter: one flat row-major array per parameter; returns one
   * flat array per output.
   */
  public double[][] call(double[]... args) {
    checkArgs(args);
    return jit ? kernel().call(args) : Interpreter.eval(graph, args);
  }

  /**
   * Evaluates rows {@code from..to-1} of flat columns in the {@link Kernel} layout (one input
   * column per scalar input element, one output column per scalar output element): the compiled
   * kernel when this function is jitted, else the interpreter row by row.
   */
  public void callBatch(double[][] in, double[][] out, int from, int to) {
    if (jit) {
      kernel().run(in, out, from, to);
      return;
    }
    double[][] args = new double[params.size()][];
    for (int r = from; r < to; r++) {
      int c = 0;
      for (int i = 0; i < args.length; i++) {
        args[i] = new double[params.get(i).shape().size()];
        for (int k = 0; k < args[i].length; k++) {
          args[i][k] = in[c++][r];
        }
      }
      c = 0;
      for (double[] o : Interpreter.eval(graph, args)) {
        for (double v : o) {
          out[c++][r] = v;
        }
      }
    }
  }

  /**
   * Evaluates like {@link #call}, returning the outputs by name and with their shapes: {@code
   * AD.hessian(f, 1, 2).evaluate(x, alpha, beta).matrix("d2f/dalpha dbeta")}.
   *
   * @param args one flat row-major array per parameter
   * @return the outputs
   */
  public Result evaluate(double[]... args) {
    return new Result(name, outputNames, outputShapes(), call(args));
  }

  /**
   * The names of the input columns of {@link #callBatch} and the kernel, one per scalar element:
   * {@code x, alpha[0], ..., alpha[5], ...}.
   *
   * @return the names, in column order
   */
  public List<String> inputColumns() {
    return Columns.of(
        params.stream().map(Param::name).toList(), params.stream().map(Param::shape).toList());
  }

  /**
   * The names of the output columns of {@link #callBatch} and the kernel, one per scalar element:
   * {@code df/dalpha[2]}, {@code d2f/dalpha dbeta[1][3]}.
   *
   * @return the names, in column order
   */
  public List<String> outputColumns() {
    return Columns.of(outputNames, outputShapes());
  }

  /**
   * Evaluates a batch given by named columns ({@link #inputColumns}, all of one length) and returns
   * the output columns by name ({@link #outputColumns}), through the kernel when this function is
   * jitted.
   *
   * @param in every input column by name
   * @return every output column by name, in column order
   * @throws AdException if a column is missing, unknown or of another length, or two output columns
   *     share a name
   */
  public Map<String, double[]> callColumns(Map<String, double[]> in) {
    List<String> inNames = inputColumns();
    List<String> outNames = outputColumns();
    if (new HashSet<>(outNames).size() != outNames.size()) {
      throw new AdException(
          "function '" + name + "' has two outputs of one name (" + outputNames + "); rename one");
    }
    Set<String> known = new HashSet<>(inNames);
    for (String c : in.keySet()) {
      if (!known.contains(c)) {
        throw new AdException(
            "function '" + name + "' has no input column '" + c + "'; its columns: " + inNames);
      }
    }
    double[][] cols = new double[inNames.size()][];
    int rows = -1;
    for (int i = 0; i < cols.length; i++) {
      cols[i] = in.get(inNames.get(i));
      if (cols[i] == null) {
        throw new AdException(
            "function '" + name + "': input column '" + inNames.get(i) + "' is missing");
      }
      if (rows >= 0 && cols[i].length != rows) {
        throw new AdException(
            "function '"
                + name
                + "': input column '"
                + inNames.get(i)
                + "' has "
                + cols[i].length
                + " rows, '"
                + inNames.get(0)
                + "' has "
                + rows);
      }
      rows = cols[i].length;
    }
    if (rows < 0) {
      throw new AdException("function '" + name + "' has no inputs; use call()");
    }
    double[][] out = new double[outNames.size()][rows];
    callBatch(cols, out, 0, rows);
    Map<String, double[]> result = new LinkedHashMap<>();
    for (int k = 0; k < out.length; k++) {
      result.put(outNames.get(k), out[k]);
    }
    return result;
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
    return (jit ? "jit " : "") + name + "(" + signature() + ") -> " + outputNames + " =\n" + graph;
  }
}
