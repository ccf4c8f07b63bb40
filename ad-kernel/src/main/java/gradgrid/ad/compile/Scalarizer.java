package gradgrid.ad.compile;

import gradgrid.ad.compile.ScalarProgram.Op;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.ir.Var;
import gradgrid.ad.prim.Add;
import gradgrid.ad.prim.Binary;
import gradgrid.ad.prim.Broadcast;
import gradgrid.ad.prim.Compare;
import gradgrid.ad.prim.Dot;
import gradgrid.ad.prim.Index;
import gradgrid.ad.prim.IntPow;
import gradgrid.ad.prim.MatT;
import gradgrid.ad.prim.MatVec;
import gradgrid.ad.prim.Mul;
import gradgrid.ad.prim.Neg;
import gradgrid.ad.prim.Outer;
import gradgrid.ad.prim.Primitive;
import gradgrid.ad.prim.Recip;
import gradgrid.ad.prim.Select;
import gradgrid.ad.prim.Stack;
import gradgrid.ad.prim.Sum;
import gradgrid.ad.prim.Unary;
import gradgrid.ad.prim.UnaryFn;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a graph into a {@link ScalarProgram}: each element of each value becomes one node. Data
 * movement ({@code index}, {@code stack}, {@code broadcast}, {@code transpose}) costs nothing;
 * reductions keep the interpreter's order (left to right from the first term); integer powers
 * unroll into the exact multiplications of {@link IntPow#pow}. A primitive the compiler does not
 * know is evaluated through its own {@code eval} rule, so every graph compiles.
 */
final class Scalarizer {
  /** Integer powers up to this exponent are unrolled; larger ones call {@link IntPow#pow}. */
  static final int MAX_UNROLLED_POW = 64;

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
      s.env.put(e.out(), s.eqn(e));
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

  private int[] eqn(Eqn e) {
    Primitive prim = e.prim();
    int[][] in = e.inputs().stream().map(this::ids).toArray(int[][]::new);
    Shape s0 = e.inputs().get(0).shape();
    if (prim instanceof Add) {
      return zip(Op.ADD, in[0], in[1]);
    } else if (prim instanceof Mul) {
      return zip(Op.MUL, in[0], in[1]);
    } else if (prim instanceof Compare c) {
      return zip(compareOp(c.op()), in[0], in[1]);
    } else if (prim instanceof Neg) {
      return map(Op.NEG, in[0]);
    } else if (prim instanceof Recip) {
      return map(Op.RECIP, in[0]);
    } else if (prim instanceof Unary u) {
      return unary(u.fn(), in[0]);
    } else if (prim instanceof Binary f) {
      int[] r = new int[in[0].length];
      for (int k = 0; k < r.length; k++) {
        r[k] = p.call(f.fn(), in[0][k], in[1][k]);
      }
      return r;
    } else if (prim instanceof IntPow ip) {
      return Arrays.stream(in[0]).map(a -> intPow(a, ip.n())).toArray();
    } else if (prim instanceof Select) {
      return select(in);
    } else if (prim instanceof Index ix) {
      return index(ix.i(), s0, in[0]);
    } else if (prim instanceof Stack) {
      return concat(in);
    } else if (prim instanceof Broadcast b) {
      return broadcast(b.to(), in[0][0]);
    } else if (prim instanceof Sum) {
      return new int[] {fold(in[0])};
    } else if (prim instanceof Dot) {
      return new int[] {fold(zip(Op.MUL, in[0], in[1]))};
    } else if (prim instanceof MatT) {
      return transpose(s0, in[0]);
    } else if (prim instanceof Outer) {
      return outer(in[0], in[1]);
    } else if (prim instanceof MatVec) {
      return matvec(e, in);
    }
    return generic(e, in);
  }

  private static Op compareOp(Compare.Op op) {
    return switch (op) {
      case LT -> Op.LT;
      case LE -> Op.LE;
      case GT -> Op.GT;
      case GE -> Op.GE;
      case EQ -> Op.EQ;
      case NE -> Op.NE;
    };
  }

  private int[] zip(Op op, int[] a, int[] b) {
    int[] r = new int[a.length];
    for (int k = 0; k < r.length; k++) {
      r[k] = p.op(op, a[k], b[k]);
    }
    return r;
  }

  private int[] map(Op op, int[] a) {
    return Arrays.stream(a).map(x -> p.op(op, x)).toArray();
  }

  /** A rule-table call per element; {@code stop_gradient} is the identity, so it moves nothing. */
  private int[] unary(UnaryFn f, int[] a) {
    return f == UnaryFn.STOP_GRADIENT ? a : Arrays.stream(a).map(x -> p.call(f, x)).toArray();
  }

  private int[] select(int[][] in) {
    int[] r = new int[in[0].length];
    for (int k = 0; k < r.length; k++) {
      r[k] = p.op(Op.SELECT, in[0][k], in[1][k], in[2][k]);
    }
    return r;
  }

  /** The multiplications {@link IntPow#pow} performs, unrolled: repeated squaring. */
  private int intPow(int x, int n) {
    long e = Math.abs((long) n);
    if (e > MAX_UNROLLED_POW) {
      return p.ipowCall(x, n);
    }
    int r = -1; // 1.0 until the first factor; 1.0 * b == b exactly
    int b = x;
    while (e > 0) {
      if ((e & 1) != 0) {
        r = r < 0 ? b : p.op(Op.MUL, r, b);
      }
      e >>= 1;
      if (e > 0) {
        b = p.op(Op.MUL, b, b);
      }
    }
    if (r < 0) {
      r = p.constant(1.0);
    }
    return n < 0 ? p.op(Op.RECIP, r) : r;
  }

  private static int[] index(int i, Shape s, int[] a) {
    int chunk = s.dropFirst().size();
    return Arrays.copyOfRange(a, i * chunk, (i + 1) * chunk);
  }

  private static int[] concat(int[][] in) {
    return Arrays.stream(in).flatMapToInt(Arrays::stream).toArray();
  }

  private static int[] broadcast(Shape to, int a) {
    int[] r = new int[to.size()];
    Arrays.fill(r, a);
    return r;
  }

  /** Left to right from the first term, as {@link Sum} and {@link Dot} evaluate. */
  private int fold(int[] a) {
    int s = a[0];
    for (int k = 1; k < a.length; k++) {
      s = p.op(Op.ADD, s, a[k]);
    }
    return s;
  }

  private static int[] transpose(Shape s, int[] a) {
    int m = s.dim(0);
    int n = s.dim(1);
    int[] r = new int[a.length];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        r[j * m + i] = a[i * n + j];
      }
    }
    return r;
  }

  private int[] outer(int[] a, int[] b) {
    int[] r = new int[a.length * b.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        r[i * b.length + j] = p.op(Op.MUL, a[i], b[j]);
      }
    }
    return r;
  }

  /**
   * A constant matrix times a varying vector runs batched over a tile (fused loops or dgemm, see
   * {@link MatVecStep}); otherwise each output element is a dot product of scalars.
   */
  private int[] matvec(Eqn e, int[][] in) {
    Shape ws = e.inputs().get(0).shape();
    int m = ws.dim(0);
    int n = ws.dim(1);
    if (e.inputs().get(0) instanceof Lit w && m * n >= MIN_BATCHED_MATVEC) {
      int node = p.matvec(new MatVecStep(w.data(), m, n), in[1]);
      int[] r = new int[m];
      for (int i = 0; i < m; i++) {
        r[i] = p.element(node, i);
      }
      return r;
    }
    int[] r = new int[m];
    for (int i = 0; i < m; i++) {
      int[] terms = new int[n];
      for (int k = 0; k < n; k++) {
        terms[k] = p.op(Op.MUL, in[0][i * n + k], in[1][k]);
      }
      r[i] = fold(terms);
    }
    return r;
  }

  private int[] generic(Eqn e, int[][] in) {
    int node = p.eval(new PrimCall(e.prim(), e.inputShapes()), concat(in));
    int[] r = new int[e.out().shape().size()];
    for (int k = 0; k < r.length; k++) {
      r[k] = p.element(node, k);
    }
    return r;
  }
}
