package gradgrid.ad.trace;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.Loop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Loops with a trip count fixed at trace time, traced once and kept as one {@link Loop} equation
 * (JAX's {@code lax.fori_loop} and {@code lax.scan}) instead of being unrolled: the body is traced
 * into a nested graph, values it uses from outside become the loop's closed-over inputs, and every
 * transform and the compiler see one loop whatever its trip count.
 */
public final class Loops {
  private Loops() {}

  /**
   * The bodies being traced on this thread, innermost first: a loop written inside a body nests in
   * that body even when its initial carries come from further out, so its body may use the outer
   * loop's index and carries.
   */
  private static final ThreadLocal<ArrayDeque<GraphBuilder>> TRACING =
      ThreadLocal.withInitial(ArrayDeque::new);

  /** One step of a {@link #scan} body: the next carries and this step's outputs. */
  public record Step(Val[] carry, Val[] outputs) {}

  /** What a {@link #scan} gives: the final carries and each per-step output stacked. */
  public record Scanned(Val[] carry, Val[] stacked) {}

  /** The next carries {@code carry} and the per-step outputs {@code outputs} of a scan step. */
  public static Step step(Val[] carry, Val... outputs) {
    return new Step(carry.clone(), outputs.clone());
  }

  /**
   * The carries after running {@code body} for {@code i = lower, ..., upper - 1}, starting from
   * {@code init}: {@code carry = body(i, carry)}. The body must return carries of the shapes it
   * takes; {@code i} is a scalar holding the index.
   */
  public static Val[] fori(int lower, int upper, Val[] init, BiFunction<Val, Val[], Val[]> body) {
    return scan(lower, upper, init, (i, c) -> new Step(body.apply(i, c), new Val[0])).carry();
  }

  /** {@link #fori} with one carry. */
  public static Val fori(int lower, int upper, Val init, BiFunction<Val, Val, Val> body) {
    return fori(lower, upper, new Val[] {init}, (i, c) -> new Val[] {body.apply(i, c[0])})[0];
  }

  /**
   * {@link #fori} that also collects per-step outputs: output j of step {@code i} is row {@code i -
   * lower} of {@code stacked()[j]} (a vector for scalar outputs, a matrix for vector outputs).
   */
  public static Scanned scan(int lower, int upper, Val[] init, BiFunction<Val, Val[], Step> body) {
    if (init.length == 0) {
      throw new AdException("a loop needs at least one carry");
    }
    if (upper < lower) {
      throw new AdException(
          "a loop runs from its lower bound up to its upper bound, got " + lower + " > " + upper);
    }
    if ((long) upper - lower > Integer.MAX_VALUE) {
      throw new AdException("a loop runs at most " + Integer.MAX_VALUE + " steps");
    }
    GraphBuilder outer = init[0].builder();
    for (Val v : init) {
      if (v.builder().within(outer)) {
        outer = v.builder();
      } else if (!outer.within(v.builder())) {
        throw new AdException("a loop's initial carries come from two different traces");
      }
    }
    GraphBuilder active = TRACING.get().peek();
    if (active != null && active.within(outer)) {
      outer = active;
    }
    GraphBuilder inner = outer.nested();
    Val index = new Val(inner, inner.addInput(Shape.SCALAR));
    Val[] carry = new Val[init.length];
    for (int j = 0; j < init.length; j++) {
      carry[j] = new Val(inner, inner.addInput(init[j].shape()));
    }
    Step step;
    TRACING.get().push(inner);
    try {
      step = body.apply(index, carry.clone());
    } finally {
      TRACING.get().pop();
    }
    if (step.carry().length != init.length) {
      throw new AdException(
          "a loop body takes "
              + init.length
              + " carries and must return as many, but returned "
              + step.carry().length);
    }
    List<Atom> out = new ArrayList<>();
    for (int j = 0; j < init.length; j++) {
      if (!step.carry()[j].shape().equals(init[j].shape())) {
        throw new AdException(
            "a loop body must return each carry with the shape it takes: carry "
                + j
                + " is "
                + init[j].shape()
                + " but the body returns "
                + step.carry()[j].shape());
      }
      out.add(inner.capture(step.carry()[j].builder(), step.carry()[j].atom()));
    }
    for (Val y : step.outputs()) {
      out.add(inner.capture(y.builder(), y.atom()));
    }
    Graph g = inner.build(out);
    List<Atom> args = new ArrayList<>();
    for (Val v : init) {
      args.add(outer.capture(v.builder(), v.atom()));
    }
    args.addAll(inner.captures());
    Atom[] in = args.toArray(new Atom[0]);
    int length = upper - lower;
    Val[] finals = new Val[init.length];
    for (int j = 0; j < finals.length; j++) {
      finals[j] = new Val(outer, outer.emit(new Loop(g, lower, length, init.length, j), in));
    }
    Val[] stacked = new Val[step.outputs().length];
    for (int j = 0; j < stacked.length; j++) {
      stacked[j] =
          new Val(outer, outer.emit(new Loop(g, lower, length, init.length, init.length + j), in));
    }
    return new Scanned(finals, stacked);
  }
}
