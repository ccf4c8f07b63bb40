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
import gradgrid.ad.prim.IntPow;
import gradgrid.ad.prim.ScalarEmitter;
import gradgrid.ad.prim.UnaryFn;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a graph into a {@link ScalarProgram}: each element of each value becomes one node. Each
 * primitive lowers itself ({@link gradgrid.ad.prim.Primitive#lower}) through the {@link
 * ScalarEmitter} this class implements: data movement ({@code index}, {@code stack}, {@code
 * broadcast}, {@code transpose}) costs nothing; reductions keep the interpreter's order (left to
 * right from the first term); integer powers unroll into the exact multiplications of {@link
 * IntPow#pow}. A primitive without a scalar form is evaluated through its own {@code eval} rule, so
 * every graph compiles.
 */
final class Scalarizer implements ScalarEmitter {
  /** A matvec with a constant matrix of at least this many elements runs batched over a tile. */
  static final int MIN_BATCHED_MATVEC = 64;

  private final ScalarProgram p = new ScalarProgram();
  private final Map<Var, int[]> env = new HashMap<>();

  private Scalarizer() {}

  /** Scalarises {@code g}; the input and output columns follow the kernel ABI. */
  static ScalarProgram of(Graph g) {
    Scalarizer s = new Scalarizer();
    int col = 0;
    for (Var v : g.inputs()) {
      int[] ids = new int[v.shape().size()];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = s.p.input(col++);
      }
      s.env.put(v, ids);
    }
    s.p.inputWidth = col;
    for (Eqn e : g.eqns()) {
      int[][] in = e.inputs().stream().map(s::ids).toArray(int[][]::new);
      s.env.put(e.out(), e.prim().lower(s, e, in));
    }
    int[] outs = new int[g.outputShapes().stream().mapToInt(Shape::size).sum()];
    int k = 0;
    for (Atom a : g.outputs()) {
      for (int id : s.ids(a)) {
        outs[k++] = id;
      }
    }
    s.p.outputs = outs;
    return s.p;
  }

  private int[] ids(Atom a) {
    if (a instanceof Lit l) {
      int[] r = new int[l.shape().size()];
      for (int k = 0; k < r.length; k++) {
        r[k] = p.constant(l.get(k));
      }
      return r;
    }
    return env.get((Var) a);
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

  /** A batched step (fused loops or dgemm, see {@link MatVecStep}) from 64 matrix elements. */
  @Override
  public int[] batchedMatVec(Lit w, int[] x) {
    int m = w.shape().dim(0);
    int n = w.shape().dim(1);
    if (m * n < MIN_BATCHED_MATVEC) {
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
