package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Interpreter;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Output {@code output} of a loop with a fixed trip count (JAX's {@code fori_loop} and {@code
 * scan}, made by {@link gradgrid.ad.trace.Loops}). The equation's inputs are the {@code carries}
 * initial carries, then the values the body closes over. {@code body} takes the iteration index
 * {@code lower + k} (a scalar), the carries and the closed-over values, and returns the next
 * carries (same shapes) followed by any per-step outputs. Output {@code j < carries} is carry j
 * after the last step; output {@code carries + j} is per-step output j of every step stacked along
 * a new first axis ({@code length} rows). Each output is its own equation over the same body (as
 * with {@link CustomJvp}); graphs compare by identity, so equations share a loop only when they
 * come from the same trace, and a kernel's value numbering then shares the loop between them.
 *
 * <p>The derivative rules transform the body graph, so they live with the transforms ({@code
 * gradgrid.ad.transform.LoopRules}), which this package cannot import; {@link #jvp}, {@link
 * #transpose} and {@link #taylor} are reached only through them.
 *
 * @param body the step graph: {@code [index, carries..., closed-over...] -> [carries..., ys...]}
 * @param lower the index of the first step
 * @param length the number of steps, zero or more
 * @param carries how many of the inputs and outputs are carries
 * @param output which output this equation gives
 */
public record Loop(Graph body, int lower, int length, int carries, int output)
    implements Primitive {
  /** Checks that the body fits: a scalar index, carries that keep their shapes, stackable ys. */
  public Loop {
    List<Shape> in = body.inputShapes();
    List<Shape> out = body.outputShapes();
    if (length < 0 || (long) lower + length > Integer.MAX_VALUE + 1L) {
      throw new AdException(
          "a loop runs from its lower bound up to its upper bound, got " + length + " steps");
    }
    if (carries < 1 || in.size() < 1 + carries || !in.get(0).isScalar()) {
      throw new AdException("a loop body takes a scalar index and at least one carry");
    }
    if (out.size() < carries || !out.subList(0, carries).equals(in.subList(1, 1 + carries))) {
      throw new AdException(
          "a loop body must return carries of the shapes it takes: it takes "
              + in.subList(1, 1 + carries)
              + " and returns "
              + out.subList(0, Math.min(carries, out.size())));
    }
    if (output < 0 || output >= out.size()) {
      throw new AdException("the loop has no output " + output);
    }
    if (output >= carries && (length == 0 || out.get(output).rank() >= 2)) {
      throw new AdException(
          "per-step outputs are stacked into a vector or matrix, so they must be scalars or"
              + " vectors and the loop must run at least once; got "
              + out.get(output)
              + " over "
              + length
              + " steps");
    }
  }

  /** The number of values the body closes over (the equation's inputs after the carries). */
  public int closed() {
    return body.inputs().size() - 1 - carries;
  }

  /** The number of per-step outputs. */
  public int stacked() {
    return body.outputs().size() - carries;
  }

  /**
   * The values per point that {@code g}'s loops hold in stacked per-step outputs at once: those of
   * its own equations plus, for each distinct loop body, the body's (reused from step to step).
   * Reverse mode's stored carries are such outputs, so this is its memory per point in doubles.
   */
  public static long stackedValues(Graph g) {
    long values = 0;
    Set<Graph> bodies = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Eqn e : g.eqns()) {
      if (e.prim() instanceof Loop l) {
        if (l.output() >= l.carries()) {
          values += e.out().shape().size();
        }
        if (bodies.add(l.body())) {
          values += stackedValues(l.body());
        }
      }
    }
    return values;
  }

  /** This loop's equation for another of its outputs. */
  public Loop withOutput(int j) {
    return new Loop(body, lower, length, carries, j);
  }

  @Override
  public String name() {
    String kind = stacked() > 0 ? "scan" : "fori";
    String which = body.outputs().size() > 1 ? "#" + output : "";
    return kind + "[" + lower + ":" + ((long) lower + length) + which + "]";
  }

  @Override
  public Shape shape(Shape... in) {
    List<Shape> want = body.inputShapes().subList(1, body.inputs().size());
    if (!List.of(in).equals(want)) {
      throw new AdException(name() + " takes " + want + ", got " + Arrays.toString(in));
    }
    Shape s = body.outputShapes().get(output);
    return output < carries ? s : s.prepend(length);
  }

  /** Runs the body {@code length} times through the interpreter. */
  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    double[][] args = new double[body.inputs().size()][];
    System.arraycopy(in, 0, args, 1, in.length);
    int chunk = body.outputShapes().get(output).size();
    double[] ys = output >= carries ? new double[length * chunk] : null;
    for (int k = 0; k < length; k++) {
      args[0] = new double[] {(double) lower + k};
      double[][] out = Interpreter.eval(body, args);
      System.arraycopy(out, 0, args, 1, carries);
      if (ys != null) {
        System.arraycopy(out[output], 0, ys, k * chunk, chunk);
      }
    }
    return ys != null ? ys : args[1 + output].clone();
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    throw viaTransforms("jvp");
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    throw viaTransforms("transpose");
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    throw viaTransforms("Taylor");
  }

  private AdException viaTransforms(String rule) {
    return new AdException(
        "internal: the " + rule + " rule of " + name() + " is applied by transform.LoopRules");
  }
}
