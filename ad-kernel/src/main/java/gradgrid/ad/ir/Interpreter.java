package gradgrid.ad.ir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference executor: evaluates a graph one equation at a time with each primitive's {@code
 * eval} rule. Compiled kernels are tested against it.
 */
public final class Interpreter {
  private Interpreter() {}

  /**
   * Evaluates {@code g} at {@code args} (one flat row-major array per input) and returns one flat
   * array per output.
   */
  public static double[][] eval(Graph g, double[]... args) {
    List<Var> in = g.inputs();
    if (args.length != in.size()) {
      throw new AdException(
          "graph takes " + in.size() + " arguments, got " + args.length + "\n" + g);
    }
    Map<Var, double[]> env = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      Shape s = in.get(i).shape();
      if (args[i].length != s.size()) {
        throw new AdException(
            "argument "
                + i
                + " has shape "
                + s
                + " ("
                + s.size()
                + " values), got "
                + args[i].length
                + " values");
      }
      env.put(in.get(i), args[i]);
    }
    for (Eqn e : g.eqns()) {
      double[][] vals = new double[e.inputs().size()][];
      for (int i = 0; i < vals.length; i++) {
        vals[i] = read(env, e.inputs().get(i));
      }
      env.put(e.out(), e.prim().eval(e.inputShapes(), vals));
    }
    double[][] out = new double[g.outputs().size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = read(env, g.outputs().get(i)).clone();
    }
    return out;
  }

  private static double[] read(Map<Var, double[]> env, Atom a) {
    return a instanceof Lit l ? l.data() : env.get((Var) a);
  }
}
