package gradgrid.ad.transform;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.ir.Var;
import gradgrid.ad.prim.DynIndex;
import gradgrid.ad.prim.Loop;
import gradgrid.ad.trace.Loops;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The derivative rules of {@link Loop}, which transform its body graph and so live beside the
 * transforms they call.
 *
 * <ul>
 *   <li>jvp: a loop over primal and tangent carries whose body is the jvp of the body; forward mode
 *       takes the primal from it too, linearization (for reverse mode) keeps the primal loop apart.
 *       Tangent carries are symbolic: a carry gets one only when its initial tangent is non-zero or
 *       the body makes it non-zero from others (found by iterating to a fixed point).
 *   <li>transpose: the loop produced by jvp is linear in its tangent carries and tangent
 *       closed-over values. Its transpose runs the primal carries forward once, storing the carries
 *       every step starts from (memory: steps x carry size per point), then runs backwards with the
 *       cotangent carries and one accumulator per linear closed-over value, each step the transpose
 *       of the body at the stored primal carries. A fori loop whose stored carries would exceed
 *       {@link #STORED_VALUES} is linearized in segments of about sqrt(steps) steps instead
 *       (checkpointing: about 2 sqrt(steps) carries stored, one more forward pass).
 *   <li>Taylor: coefficient m of the output is a loop carrying coefficients 0..m of every carry,
 *       its body the body's Taylor series to order m.
 * </ul>
 *
 * Bodies made for one loop are remembered per body graph, so the equations for several outputs of
 * one loop share one derived loop (and the kernel's value numbering then runs it once).
 */
final class LoopRules {
  /**
   * A jvp body with the position of each carry's tangent among the tangent carries and of each
   * per-step output's tangent (-1 for none), and the carries without a tangent input that the body
   * gives one ({@code grows}, which the fixed point then adds).
   */
  private record JvpBody(Graph graph, int[] carryTangent, int[] outputTangent, BitSet grows) {}

  private static final Map<Graph, Map<String, Object>> DERIVED = new WeakHashMap<>();

  /**
   * Carry values per point above which reverse mode checkpoints instead of storing every step's
   * carries (2^16 doubles, 512 KiB).
   */
  static final long STORED_VALUES = 1 << 16;

  private LoopRules() {}

  /** The graph derived from {@code body} under {@code key}, made once. */
  private static synchronized Object derived(Graph body, String key, Supplier<Object> make) {
    Map<String, Object> forBody = DERIVED.computeIfAbsent(body, g -> new HashMap<>());
    Object d = forBody.get(key);
    if (d == null) {
      d = make.get();
      forBody.put(key, d);
    }
    return d;
  }

  /**
   * The primal and tangent of loop output {@code l.output()}, emitted into {@code b}: the tangent
   * is null when it is a symbolic zero, and the primal is null when the caller should keep the
   * loop's own equation, which is when there is no tangent or when {@code linearize} asks for the
   * primal and tangent parts in separate equations (reverse mode transposes only the tangent part;
   * forward mode takes both from one loop, so the primal steps run once).
   */
  static Val[] jvp(Loop l, Val[] x, Val[] t, GraphBuilder b, boolean linearize) {
    if (linearize && checkpointed(l)) {
      Graph segments = (Graph) derived(l.body(), "segments", () -> segments(l));
      Val[] outs = Jvp.apply(b, segments, x, t, true);
      return new Val[] {null, outs[segments.outputs().size() + l.output()]};
    }
    int p = l.carries();
    int q = l.closed();
    BitSet carry = new BitSet();
    BitSet closed = new BitSet();
    for (int j = 0; j < p; j++) {
      carry.set(j, t[j] != null);
    }
    for (int j = 0; j < q; j++) {
      closed.set(j, t[p + j] != null);
    }
    JvpBody jb;
    while (true) {
      BitSet c = (BitSet) carry.clone();
      jb =
          (JvpBody)
              derived(
                  l.body(),
                  (linearize ? "linearize" : "jvp") + c + closed,
                  () -> jvpBody(l, c, closed, linearize));
      BitSet grown = (BitSet) carry.clone();
      for (int j = 0; j < p; j++) {
        grown.set(j, carry.get(j) || jb.grows().get(j));
      }
      if (grown.equals(carry)) {
        break;
      }
      carry = grown;
    }
    List<Atom> in = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      in.add(x[j].atom());
    }
    for (int j = carry.nextSetBit(0); j >= 0; j = carry.nextSetBit(j + 1)) {
      in.add(t[j] != null ? t[j].atom() : Lit.filled(x[j].shape(), 0.0));
    }
    for (int j = 0; j < q; j++) {
      in.add(x[p + j].atom());
    }
    for (int j = closed.nextSetBit(0); j >= 0; j = closed.nextSetBit(j + 1)) {
      in.add(t[p + j].atom());
    }
    int o = l.output();
    int pos = o < p ? jb.carryTangent()[o] : jb.outputTangent()[o - p];
    if (pos < 0) {
      return new Val[] {null, null};
    }
    int carries = p + carry.cardinality();
    int out = o < p ? p + pos : carries + l.stacked() + pos;
    Atom[] args = in.toArray(new Atom[0]);
    Loop tangent = new Loop(jb.graph(), l.lower(), l.length(), carries, out);
    Val primal = null;
    if (!linearize) {
      Loop value =
          new Loop(jb.graph(), l.lower(), l.length(), carries, o < p ? o : carries + o - p);
      primal = new Val(b, b.emit(value, args));
    }
    return new Val[] {primal, new Val(b, b.emit(tangent, args))};
  }

  /**
   * True when reverse mode should not store every step's carries: a fori loop (no per-step outputs)
   * whose carries over all steps exceed {@link #STORED_VALUES} values per point.
   */
  static boolean checkpointed(Loop l) {
    long size = 0;
    for (int j = 0; j < l.carries(); j++) {
      size += l.body().inputs().get(1 + j).shape().size();
    }
    return l.stacked() == 0 && l.length() >= 16 && size * l.length() > STORED_VALUES;
  }

  /**
   * The same loop as segments: an outer loop over {@code n / K} segments of {@code K = ceil(sqrt
   * n)} steps, each an inner loop, then the remaining steps. The values are the loop's bit for bit
   * (the same steps with the same indices); reverse mode of this form stores the carry at each
   * segment's start, and within a segment recomputes its carries from there, so it holds about
   * {@code 2 sqrt(n)} carries (plus those of the remaining steps, fewer than sqrt(n)) instead of n,
   * for one more forward pass. Inputs and outputs are the loop's inputs and final carries.
   */
  private static Graph segments(Loop l) {
    Graph g = l.body();
    int p = l.carries();
    int n = l.length();
    int k = (int) Math.ceil(Math.sqrt(n));
    int full = n / k;
    GraphBuilder sb = new GraphBuilder("segments of a loop");
    Val[] init = new Val[p];
    for (int j = 0; j < p; j++) {
      init[j] = new Val(sb, sb.addInput(g.inputs().get(1 + j).shape()));
    }
    Val[] closed = new Val[l.closed()];
    for (int j = 0; j < closed.length; j++) {
      closed[j] = new Val(sb, sb.addInput(g.inputs().get(1 + p + j).shape()));
    }
    Val[] c =
        Loops.fori(
            0,
            full,
            init,
            (seg, start) -> {
              Val base = seg.mul((double) k).add((double) l.lower());
              return Loops.fori(0, k, start, (i, cs) -> step(l, i.add(base), cs, closed));
            });
    int done = l.lower() + full * k;
    if (done < l.lower() + n) {
      c = Loops.fori(done, l.lower() + n, c, (i, cs) -> step(l, i, cs, closed));
    }
    return sb.build(Arrays.stream(c).map(Val::atom).toList());
  }

  /** One step of {@code l}'s body at index {@code i}, traced where {@code i} lives. */
  private static Val[] step(Loop l, Val i, Val[] carry, Val[] closed) {
    GraphBuilder b = i.builder();
    Atom[] args = new Atom[l.body().inputs().size()];
    args[0] = i.atom();
    for (int j = 0; j < carry.length; j++) {
      args[1 + j] = b.capture(carry[j].builder(), carry[j].atom());
    }
    for (int j = 0; j < closed.length; j++) {
      args[1 + carry.length + j] = b.capture(closed[j].builder(), closed[j].atom());
    }
    Atom[] out = b.inline(l.body(), args);
    Val[] next = new Val[carry.length];
    for (int j = 0; j < next.length; j++) {
      next[j] = new Val(b, out[j]);
    }
    return next;
  }

  /**
   * The jvp body: inputs {@code [i, c..., tc (carry)..., k..., tk (closed)...]}, outputs {@code
   * [c'..., tc'..., y..., ty (non-zero)...]}.
   */
  private static JvpBody jvpBody(Loop l, BitSet carry, BitSet closed, boolean linearize) {
    Graph g = l.body();
    int p = l.carries();
    int q = l.closed();
    int r = l.stacked();
    GraphBuilder sb = new GraphBuilder("jvp of a loop body");
    Val[] primals = new Val[1 + p + q];
    Val[] tangents = new Val[1 + p + q];
    primals[0] = new Val(sb, sb.addInput(Shape.SCALAR));
    for (int j = 0; j < p; j++) {
      primals[1 + j] = new Val(sb, sb.addInput(g.inputs().get(1 + j).shape()));
    }
    for (int j = carry.nextSetBit(0); j >= 0; j = carry.nextSetBit(j + 1)) {
      tangents[1 + j] = new Val(sb, sb.addInput(g.inputs().get(1 + j).shape()));
    }
    for (int j = 0; j < q; j++) {
      primals[1 + p + j] = new Val(sb, sb.addInput(g.inputs().get(1 + p + j).shape()));
    }
    for (int j = closed.nextSetBit(0); j >= 0; j = closed.nextSetBit(j + 1)) {
      tangents[1 + p + j] = new Val(sb, sb.addInput(g.inputs().get(1 + p + j).shape()));
    }
    Val[] outs = Jvp.apply(sb, g, primals, tangents, linearize);
    int m = p + r;
    int[] carryTangent = new int[p];
    int[] outputTangent = new int[r];
    BitSet grows = new BitSet();
    List<Atom> result = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      result.add(outs[j].atom());
    }
    int next = 0;
    for (int j = 0; j < p; j++) {
      Val tj = outs[m + j];
      if (carry.get(j)) {
        result.add(tj != null ? tj.atom() : Lit.filled(g.outputs().get(j).shape(), 0.0));
        carryTangent[j] = next++;
      } else {
        carryTangent[j] = -1;
        grows.set(j, tj != null);
      }
    }
    for (int j = 0; j < r; j++) {
      result.add(outs[p + j].atom());
    }
    next = 0;
    for (int j = 0; j < r; j++) {
      Val tj = outs[m + p + j];
      outputTangent[j] = tj != null ? next++ : -1;
      if (tj != null) {
        result.add(tj.atom());
      }
    }
    return new JvpBody(sb.build(result), carryTangent, outputTangent, grows);
  }

  /**
   * The cotangents of the linear inputs of {@code l} (flagged in {@code linear}) given the
   * cotangent {@code ct} of its output; {@code x} holds the non-linear inputs.
   */
  static Val[] transpose(Loop l, Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    Graph g = l.body();
    int p = l.carries();
    int q = l.closed();
    int n = l.length();
    BitSet lc = new BitSet();
    BitSet lk = new BitSet();
    for (int j = 0; j < p; j++) {
      lc.set(j, linear[j]);
    }
    for (int j = 0; j < q; j++) {
      lk.set(j, linear[p + j]);
    }
    // a carry that starts as a zero literal and that the body feeds from linear values is linear
    while (true) {
      Set<Var> dep = dependents(g, p, lc, lk);
      BitSet grown = (BitSet) lc.clone();
      for (int j = 0; j < p; j++) {
        boolean depends = g.outputs().get(j) instanceof Var v && dep.contains(v);
        if (depends && !lc.get(j)) {
          if (!(x[j].atom() instanceof Lit z && z.isZero())) {
            throw notLinear(l, "carry " + j + " mixes primal and tangent values");
          }
          grown.set(j);
        }
      }
      if (grown.equals(lc)) {
        for (int j = lc.nextSetBit(0); j >= 0; j = lc.nextSetBit(j + 1)) {
          Atom o = g.outputs().get(j);
          if (!(o instanceof Var v && dep.contains(v)) && !(o instanceof Lit z && z.isZero())) {
            throw notLinear(l, "tangent carry " + j + " has a part that is not linear");
          }
        }
        int o = l.output();
        Atom out = g.outputs().get(o);
        if (o < p ? !lc.get(o) : !(out instanceof Var v && dep.contains(v))) {
          throw notLinear(l, "output " + o + " does not depend on the tangents");
        }
        break;
      }
      lc = grown;
    }
    if (n == 0) {
      Val[] through = new Val[p + q];
      through[l.output()] = linear[l.output()] ? ct : null;
      return through;
    }
    GraphBuilder b = ct.builder();
    int[] np = complement(lc, p);
    int[] nk = complement(lk, q);
    int[] lcs = lc.stream().toArray();
    int[] lks = lk.stream().toArray();
    Val stored = null;
    if (np.length > 0) {
      Graph fwd = (Graph) derived(g, "fwd" + lc + lk, () -> forward(l, np, nk));
      List<Atom> in = new ArrayList<>();
      for (int j : np) {
        in.add(x[j].atom());
      }
      for (int j : nk) {
        in.add(x[p + j].atom());
      }
      Loop scan = new Loop(fwd, l.lower(), n, np.length, np.length);
      stored = new Val(b, b.emit(scan, in.toArray(new Atom[0])));
    }
    boolean ys = l.output() >= p;
    Graph rev =
        (Graph) derived(g, "rev" + lc + lk + l.output(), () -> reverse(l, np, nk, lcs, lks));
    List<Atom> in = new ArrayList<>();
    for (int j : lcs) {
      in.add(j == l.output() ? ct.atom() : Lit.filled(shapes[j], 0.0));
    }
    for (int j : lks) {
      in.add(Lit.filled(shapes[p + j], 0.0));
    }
    if (stored != null) {
      in.add(stored.atom());
    }
    for (int j : nk) {
      in.add(x[p + j].atom());
    }
    if (ys) {
      in.add(ct.atom());
    }
    Atom[] args = in.toArray(new Atom[0]);
    int carries = lcs.length + lks.length;
    Val[] cts = new Val[p + q];
    for (int a = 0; a < lcs.length; a++) {
      if (linear[lcs[a]]) {
        cts[lcs[a]] = new Val(b, b.emit(new Loop(rev, l.lower(), n, carries, a), args));
      }
    }
    for (int a = 0; a < lks.length; a++) {
      cts[p + lks[a]] =
          new Val(b, b.emit(new Loop(rev, l.lower(), n, carries, lcs.length + a), args));
    }
    return cts;
  }

  /**
   * The forward pass of a transposed loop: the non-linear carries {@code np} stepped with the
   * non-linear closed values {@code nk}, each step also giving the carries it starts from, flat.
   */
  private static Graph forward(Loop l, int[] np, int[] nk) {
    Graph g = l.body();
    int p = l.carries();
    GraphBuilder fb = new GraphBuilder("forward pass of a transposed loop");
    Atom[] args = new Atom[g.inputs().size()];
    args[0] = fb.addInput(Shape.SCALAR);
    for (int j = 0; j < p; j++) {
      args[1 + j] = Lit.filled(g.inputs().get(1 + j).shape(), 0.0);
    }
    for (int j = 0; j < l.closed(); j++) {
      args[1 + p + j] = Lit.filled(g.inputs().get(1 + p + j).shape(), 0.0);
    }
    List<Val> start = new ArrayList<>();
    for (int j : np) {
      Var v = fb.addInput(g.inputs().get(1 + j).shape());
      args[1 + j] = v;
      start.add(new Val(fb, v));
    }
    for (int j : nk) {
      args[1 + p + j] = fb.addInput(g.inputs().get(1 + p + j).shape());
    }
    Atom[] out = fb.inline(g, args);
    List<Atom> result = new ArrayList<>();
    for (int j : np) {
      result.add(out[j]);
    }
    result.add(flat(start).atom());
    return fb.build(result);
  }

  /**
   * The backward pass: inputs {@code [i, ct of linear carries..., accumulators..., stored,
   * non-linear closed..., ct of the stacked output]} (stored and the stacked cotangent only when
   * there are some), one step the transpose of the body at the carries stored for step {@code
   * length - 1 - (i - lower)}.
   */
  private static Graph reverse(Loop l, int[] np, int[] nk, int[] lcs, int[] lks) {
    Graph g = l.body();
    int p = l.carries();
    int n = l.length();
    GraphBuilder rb = new GraphBuilder("reverse pass of a loop");
    Val i = new Val(rb, rb.addInput(Shape.SCALAR));
    Val[] ctCarry = new Val[lcs.length];
    for (int a = 0; a < lcs.length; a++) {
      ctCarry[a] = new Val(rb, rb.addInput(g.inputs().get(1 + lcs[a]).shape()));
    }
    Val[] acc = new Val[lks.length];
    for (int a = 0; a < lks.length; a++) {
      acc[a] = new Val(rb, rb.addInput(g.inputs().get(1 + p + lks[a]).shape()));
    }
    Val stored = null;
    if (np.length > 0) {
      int w = 0;
      for (int j : np) {
        w += g.inputs().get(1 + j).shape().size();
      }
      stored = new Val(rb, rb.addInput(w == 1 ? Shape.vector(n) : Shape.matrix(n, w)));
    }
    Val[] closed = new Val[nk.length];
    for (int a = 0; a < nk.length; a++) {
      closed[a] = new Val(rb, rb.addInput(g.inputs().get(1 + p + nk[a]).shape()));
    }
    boolean ys = l.output() >= p;
    Val ctStacked =
        ys ? new Val(rb, rb.addInput(g.outputs().get(l.output()).shape().prepend(n))) : null;
    Val row = i.neg().add(n - 1.0 + l.lower());
    Val index = i.neg().add(2.0 * l.lower() + n - 1.0);
    List<Val> primals = new ArrayList<>();
    primals.add(index);
    if (stored != null) {
      Val flat = DynIndex.of(stored, row);
      int off = 0;
      for (int j : np) {
        Shape s = g.inputs().get(1 + j).shape();
        primals.add(unflat(flat, off, s));
        off += s.size();
      }
    }
    primals.addAll(Arrays.asList(closed));
    Graph lin = linearBody(l, np, nk, lcs, lks);
    Val[] outCts = new Val[lcs.length + (ys ? 1 : 0)];
    System.arraycopy(ctCarry, 0, outCts, 0, lcs.length);
    if (ys) {
      outCts[lcs.length] = DynIndex.of(ctStacked, row);
    }
    Val[] r = Transpose.transposed(rb, lin, primals.toArray(new Val[0]), np.length, outCts);
    List<Atom> result = new ArrayList<>();
    for (int a = 0; a < lcs.length; a++) {
      result.add(r[np.length + a].atom());
    }
    for (int a = 0; a < lks.length; a++) {
      result.add(Transpose.plus(acc[a], r[np.length + lcs.length + a]).atom());
    }
    return rb.build(result);
  }

  /**
   * The body reordered for {@link Transpose#transposed}: inputs {@code [i, non-linear carries,
   * non-linear closed, linear carries, linear closed]}, outputs the non-linear carries then the
   * linear carries and the stacked output being transposed, if it is one.
   */
  private static Graph linearBody(Loop l, int[] np, int[] nk, int[] lcs, int[] lks) {
    Graph g = l.body();
    int p = l.carries();
    GraphBuilder lb = new GraphBuilder("linear part of a loop body");
    Atom[] args = new Atom[g.inputs().size()];
    args[0] = lb.addInput(Shape.SCALAR);
    for (int j : np) {
      args[1 + j] = lb.addInput(g.inputs().get(1 + j).shape());
    }
    for (int j : nk) {
      args[1 + p + j] = lb.addInput(g.inputs().get(1 + p + j).shape());
    }
    for (int j : lcs) {
      args[1 + j] = lb.addInput(g.inputs().get(1 + j).shape());
    }
    for (int j : lks) {
      args[1 + p + j] = lb.addInput(g.inputs().get(1 + p + j).shape());
    }
    Atom[] out = lb.inline(g, args);
    List<Atom> result = new ArrayList<>();
    for (int j : np) {
      result.add(out[j]);
    }
    for (int j : lcs) {
      result.add(out[j]);
    }
    if (l.output() >= p) {
      result.add(out[l.output()]);
    }
    return lb.build(result);
  }

  /**
   * Coefficient m of the loop's output: a loop whose carries are coefficients 0..m of each carry
   * and whose body is the body's Taylor series to order m.
   */
  static IntFunction<Val> taylor(Loop l, Series[] x, Series y) {
    return m -> taylorCoefficient(l, x, y.coeff(0).builder(), m);
  }

  private static Val taylorCoefficient(Loop l, Series[] x, GraphBuilder b, int m) {
    Graph g = l.body();
    int p = l.carries();
    int q = l.closed();
    GraphBuilder tb = new GraphBuilder("Taylor series of a loop body");
    Series[] in = new Series[g.inputs().size()];
    in[0] = Taylor.given(new Val(tb, tb.addInput(Shape.SCALAR)));
    List<Atom> args = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      Val[] c = new Val[m + 1];
      for (int k = 0; k <= m; k++) {
        c[k] = new Val(tb, tb.addInput(g.inputs().get(1 + j).shape()));
        Val xk = x[j].coeff(k);
        args.add(xk != null ? xk.atom() : Lit.filled(c[k].shape(), 0.0));
      }
      in[1 + j] = Taylor.given(c);
    }
    for (int j = 0; j < q; j++) {
      Val[] c = new Val[m + 1];
      for (int k = 0; k <= m; k++) {
        Val xk = x[p + j].coeff(k);
        if (xk != null) {
          c[k] = new Val(tb, tb.addInput(xk.shape()));
          args.add(xk.atom());
        }
      }
      in[1 + p + j] = Taylor.given(c);
    }
    Series[] out = Taylor.apply(tb, g, in);
    List<Atom> result = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      for (int k = 0; k <= m; k++) {
        Val c = out[j].coeff(k);
        result.add(c != null ? c.atom() : Lit.filled(g.outputs().get(j).shape(), 0.0));
      }
    }
    int o = l.output();
    if (o >= p) {
      Val c = out[o].coeff(m);
      if (c == null) {
        return null;
      }
      result.add(c.atom());
    }
    Graph body = tb.build(result);
    int carries = p * (m + 1);
    Loop coefficient =
        new Loop(body, l.lower(), l.length(), carries, o < p ? o * (m + 1) + m : carries);
    return new Val(b, b.emit(coefficient, args.toArray(new Atom[0])));
  }

  /** The variables of {@code g} that depend on its linear carries and closed values. */
  private static Set<Var> dependents(Graph g, int p, BitSet lc, BitSet lk) {
    Set<Var> dep = new HashSet<>();
    for (int j = 0; j + 1 < g.inputs().size(); j++) {
      if (j < p ? lc.get(j) : lk.get(j - p)) {
        dep.add(g.inputs().get(1 + j));
      }
    }
    for (Eqn e : g.eqns()) {
      if (e.inputs().stream().anyMatch(a -> a instanceof Var v && dep.contains(v))) {
        dep.add(e.out());
      }
    }
    return dep;
  }

  private static int[] complement(BitSet s, int n) {
    List<Integer> r = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (!s.get(j)) {
        r.add(j);
      }
    }
    Collections.sort(r);
    return r.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Val flat(List<Val> parts) {
    List<Val> elems = new ArrayList<>();
    for (Val v : parts) {
      elements(v, elems);
    }
    return elems.size() == 1 ? elems.get(0) : Val.stack(elems.toArray(new Val[0]));
  }

  private static void elements(Val v, List<Val> into) {
    if (v.shape().isScalar()) {
      into.add(v);
      return;
    }
    for (int k = 0; k < v.shape().dim(0); k++) {
      elements(v.get(k), into);
    }
  }

  private static Val unflat(Val flat, int off, Shape s) {
    if (flat.shape().isScalar()) {
      return flat;
    }
    if (s.isScalar()) {
      return flat.get(off);
    }
    Shape inner = s.dropFirst();
    Val[] rows = new Val[s.dim(0)];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = unflat(flat, off + k * inner.size(), inner);
    }
    return Val.stack(rows);
  }

  private static AdException notLinear(Loop l, String why) {
    return new AdException(
        "reverse mode of " + l.name() + ": the loop is not linear in its tangents (" + why + ")");
  }
}
