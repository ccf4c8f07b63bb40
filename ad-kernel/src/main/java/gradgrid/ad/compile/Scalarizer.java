package gradgrid.ad.compile;

import gradgrid.ad.compile.ScalarProgram.Op;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.ir.Var;
import gradgrid.ad.prim.BinaryFn;
import gradgrid.ad.prim.Compare;
import gradgrid.ad.prim.DynIndex;
import gradgrid.ad.prim.IntPow;
import gradgrid.ad.prim.Loop;
import gradgrid.ad.prim.ScalarEmitter;
import gradgrid.ad.prim.UnaryFn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a graph into a {@link ScalarProgram}: each element of each value becomes one node. Each
 * primitive lowers itself ({@link gradgrid.ad.prim.Primitive#lower}) through the {@link
 * ScalarEmitter} this class implements: data movement ({@code index}, {@code stack}, {@code
 * broadcast}, {@code transpose}) costs nothing; reductions keep the interpreter's order (left to
 * right from the first term); integer powers unroll into the exact multiplications of {@link
 * IntPow#pow}. A primitive without a scalar form is evaluated through its own {@code eval} rule, so
 * every graph compiles.
 *
 * <p>Loops are lowered here rather than by their primitive, since they need more than elements: a
 * {@link Loop} becomes one LOOP node whose body is scalarised once into a program of its own (so
 * the kernel does not grow with the trip count), shared by the equations of all its outputs; its
 * per-step outputs stay one array node each, which a {@link DynIndex} reads by a computed row and
 * anything else element by element.
 */
final class Scalarizer implements ScalarEmitter {
  /** A matvec with a constant matrix of at least this many elements runs batched over a tile. */
  static final int MIN_BATCHED_MATVEC = 64;

  private final ScalarProgram p;
  private final Map<Var, int[]> env = new HashMap<>();

  /** Values held as one array node (a loop's stacked outputs): the node, by variable. */
  private final Map<Var, Integer> arrays = new HashMap<>();

  /** The loops already lowered, by body, bounds and inputs: a loop's outputs share one loop. */
  private final Map<LoopKey, int[]> loopNodes = new HashMap<>();

  /** False in a loop body and in a graph with loops (see {@link #batchedMatVec}). */
  private final boolean batching;

  private record LoopKey(Loop loop, List<Integer> args) {}

  private Scalarizer(ScalarProgram p, boolean batching) {
    this.p = p;
    this.batching = batching;
  }

  /** Scalarises {@code g}; the input and output columns follow the kernel ABI. */
  static ScalarProgram of(Graph g) {
    boolean loops = g.eqns().stream().anyMatch(e -> e.prim() instanceof Loop);
    Scalarizer s = new Scalarizer(new ScalarProgram(), !loops);
    int col = 0;
    for (Var v : g.inputs()) {
      int[] ids = new int[v.shape().size()];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = s.p.input(col++);
      }
      s.env.put(v, ids);
    }
    s.p.inputWidth = col;
    s.p.outputs = s.lowerAll(g);
    return s.p;
  }

  /** Lowers every equation of {@code g}; returns the nodes of its output elements. */
  private int[] lowerAll(Graph g) {
    for (Eqn e : g.eqns()) {
      if (e.prim() instanceof Loop l) {
        lowerLoop(l, e);
      } else if (e.prim() instanceof DynIndex && arrays.containsKey(e.inputs().get(0))) {
        int array = arrays.get((Var) e.inputs().get(0));
        int row = ids(e.inputs().get(1))[0];
        int[] r = new int[e.out().shape().size()];
        for (int k = 0; k < r.length; k++) {
          r[k] = p.dynIndex(array, row, k);
        }
        env.put(e.out(), r);
      } else {
        int[][] in = e.inputs().stream().map(this::ids).toArray(int[][]::new);
        env.put(e.out(), e.prim().lower(this, e, in));
      }
    }
    int[] outs = new int[g.outputShapes().stream().mapToInt(Shape::size).sum()];
    int k = 0;
    for (Atom a : g.outputs()) {
      for (int id : ids(a)) {
        outs[k++] = id;
      }
    }
    return outs;
  }

  /**
   * One LOOP node per loop, whichever of its outputs asks first: its body becomes a program of its
   * own, emitted once inside the row loop; stacked inputs stay arrays, read by row in the body.
   */
  private void lowerLoop(Loop l, Eqn e) {
    List<Integer> args = new ArrayList<>();
    for (Atom a : e.inputs()) {
      Integer array = a instanceof Var v ? arrays.get(v) : null;
      if (array != null) {
        args.add(array);
      } else {
        for (int id : ids(a)) {
          args.add(id);
        }
      }
    }
    LoopKey key = new LoopKey(l.withOutput(0), args);
    int[] results = loopNodes.get(key);
    if (results == null) {
      results = newLoop(l, e, args);
      loopNodes.put(key, results);
    }
    Graph body = l.body();
    if (l.output() < l.carries()) {
      int from = 0;
      for (int j = 0; j < l.output(); j++) {
        from += body.outputShapes().get(j).size();
      }
      int size = body.outputShapes().get(l.output()).size();
      env.put(e.out(), Arrays.copyOfRange(results, 1 + from, 1 + from + size));
    } else {
      arrays.put(e.out(), results[results.length - l.stacked() + l.output() - l.carries()]);
    }
  }

  /** Returns the LOOP node, then its CARRY nodes, then its STACKED nodes. */
  private int[] newLoop(Loop l, Eqn e, List<Integer> args) {
    Graph g = l.body();
    Scalarizer b = new Scalarizer(new ScalarProgram(p.refs), false);
    List<Var> in = g.inputs();
    b.env.put(in.get(0), new int[] {b.p.input(0)});
    int col = 1;
    for (int i = 1; i < in.size(); i++) {
      Atom outer = e.inputs().get(i - 1);
      Integer array = outer instanceof Var v ? arrays.get(v) : null;
      if (array != null) {
        b.arrays.put(in.get(i), b.p.arrayInput(col++, p.dims.get(array)));
        continue;
      }
      int[] ids = new int[in.get(i).shape().size()];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = b.p.input(col++);
      }
      b.env.put(in.get(i), ids);
    }
    b.p.inputWidth = col;
    b.p.outputs = b.lowerAll(g);
    int carryElements = 0;
    for (int j = 0; j < l.carries(); j++) {
      carryElements += g.outputShapes().get(j).size();
    }
    int[] widths = new int[l.stacked()];
    for (int j = 0; j < widths.length; j++) {
      widths[j] = g.outputShapes().get(l.carries() + j).size();
    }
    ScalarProgram.LoopCode code =
        new ScalarProgram.LoopCode(b.p, l.lower(), l.length(), carryElements, widths);
    int[] r = new int[1 + carryElements + widths.length];
    r[0] = p.loop(code, args.stream().mapToInt(Integer::intValue).toArray());
    for (int k = 0; k < carryElements; k++) {
      r[1 + k] = p.carry(r[0], k);
    }
    for (int j = 0; j < widths.length; j++) {
      r[1 + carryElements + j] = p.stacked(r[0], j, new ScalarProgram.Dims(l.length(), widths[j]));
    }
    return r;
  }

  private int[] ids(Atom a) {
    if (a instanceof Lit l) {
      int[] r = new int[l.shape().size()];
      for (int k = 0; k < r.length; k++) {
        r[k] = p.constant(l.get(k));
      }
      return r;
    }
    int[] r = env.get((Var) a);
    if (r == null) {
      // a stacked value read element by element
      int array = arrays.get((Var) a);
      r = new int[a.shape().size()];
      for (int k = 0; k < r.length; k++) {
        r[k] = p.element(array, k);
      }
      env.put((Var) a, r);
    }
    return r;
  }

  @Override
  public int add(int a, int b) {
    return p.op(Op.ADD, a, b);
  }

  @Override
  public int mul(int a, int b) {
    return p.op(Op.MUL, a, b);
  }

  @Override
  public int neg(int a) {
    return p.op(Op.NEG, a);
  }

  @Override
  public int recip(int a) {
    return p.op(Op.RECIP, a);
  }

  @Override
  public int constant(double c) {
    return p.constant(c);
  }

  @Override
  public int call(UnaryFn f, int a) {
    return p.call(f, a);
  }

  @Override
  public int call(BinaryFn f, int a, int b) {
    return p.call(f, a, b);
  }

  @Override
  public int compare(Compare.Op op, int a, int b) {
    Op o =
        switch (op) {
          case LT -> Op.LT;
          case LE -> Op.LE;
          case GT -> Op.GT;
          case GE -> Op.GE;
          case EQ -> Op.EQ;
          case NE -> Op.NE;
        };
    return p.op(o, a, b);
  }

  @Override
  public int select(int c, int a, int b) {
    return p.op(Op.SELECT, c, a, b);
  }

  @Override
  public int intPowCall(int a, int n) {
    return p.ipowCall(a, n);
  }

  /**
   * A batched step (fused loops or dgemm, see {@link MatVecStep}) from 64 matrix elements; none in
   * a graph with loops, whose stacked arrays live in one method and must not be cut by the step.
   */
  @Override
  public int[] batchedMatVec(Lit w, int[] x) {
    int m = w.shape().dim(0);
    int n = w.shape().dim(1);
    if (!batching || m * n < MIN_BATCHED_MATVEC) {
      return null;
    }
    int node = p.matvec(new MatVecStep(w.data(), m, n), x);
    int[] r = new int[m];
    for (int i = 0; i < m; i++) {
      r[i] = p.element(node, i);
    }
    return r;
  }

  @Override
  public int[] evaluate(Eqn e, int[][] in) {
    int node =
        p.eval(
            new PrimCall(e.prim(), e.inputShapes()),
            Arrays.stream(in).flatMapToInt(Arrays::stream).toArray());
    int[] r = new int[e.out().shape().size()];
    for (int k = 0; k < r.length; k++) {
      r[k] = p.element(node, k);
    }
    return r;
  }
}
