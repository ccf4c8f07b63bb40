package gradgrid.ad.compile;

import gradgrid.ad.compile.ScalarProgram.Node;
import gradgrid.ad.compile.ScalarProgram.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the Java source of a kernel class from a {@link ScalarProgram}. The per-row work is cut
 * into segments, each a private method with its own row loop, small enough to stay under the JVM's
 * 8,000-byte {@code HugeMethodLimit} (bigger methods are never JIT-compiled). With one segment the
 * loop runs over the whole batch; with several, {@code run} walks tiles of {@link #TILE} rows and
 * values crossing segments live in scratch columns of one tile. Batched matrix-vector steps sit
 * between segments. Every identifier is made here; constants and helper objects come in through the
 * constructor's arrays.
 */
final class SourceGen {
  /** Rows per tile when a kernel has more than one segment. */
  static final int TILE = 256;

  /**
   * A segment storing at least this many output columns per row writes rows into a buffer of {@link
   * #OUT_TILE} rows and then copies it out column by column: dozens of interleaved column streams
   * otherwise cost more in memory traffic (and cache-set conflicts when the batch length is a power
   * of two) than the arithmetic.
   */
  static final int BUFFERED_OUTPUTS = 16;

  /** With more segments than this, {@code run} calls group methods that call the segments. */
  static final int GROUP = 200;

  /** Rows per output buffer. */
  static final int OUT_TILE = 128;

  /** The generated class's simple name (each kernel has its own class loader). */
  static final String CLASS = "GeneratedKernel";

  private final ScalarProgram p;
  private final boolean[] live;
  private final int budget;

  /** The segment defining each node (-1: inputs and constants, materialised where used). */
  private final int[] defSeg;

  /** Scratch slot of each node that crosses segments, or -1. */
  private final int[] slot;

  private final List<List<Integer>> segments = new ArrayList<>();

  /** The MATVEC node run after segment i, or -1. */
  private final List<Integer> barrierAfter = new ArrayList<>();

  /** How many live nodes read each node. */
  private final int[] consumers;

  /** The index in the constants array of each constant, by its raw bits. */
  private final Map<Long, Integer> constIndex = new LinkedHashMap<>();

  private final List<Double> constants = new ArrayList<>();

  /**
   * The references the generated code reads ({@code R}): the program's, then the tables this
   * generator adds, with each batched step replaced by a copy that knows its scratch slots. The
   * program itself is left as it was, so one program can be generated again with another budget.
   */
  private final List<Object> refs;

  private final Statements statements;
  private final Statements.Names[] oneRow;

  /**
   * The methods holding a loop over one row at a time, whose size does not shrink with the budget
   * (one over several rows does: fewer rows side by side).
   */
  private final Set<String> loopMethods = new HashSet<>();

  private int slots;

  /**
   * The generated source, the constants and references it reads, its number of segments and the
   * names of the segment methods that hold a loop.
   */
  record Result(
      String source, double[] constants, Object[] refs, int segments, Set<String> loopMethods) {}

  private SourceGen(ScalarProgram p, int budget) {
    this.p = p;
    this.refs = new ArrayList<>(p.refs);
    this.statements = new Statements(this::constant, refs);
    this.live = p.live();
    this.budget = budget;
    this.defSeg = new int[p.nodes.size()];
    this.slot = new int[p.nodes.size()];
    Arrays.fill(defSeg, -1);
    Arrays.fill(slot, -1);
    this.oneRow = new Statements.Names[] {Statements.Names.top(p, "")};
    this.consumers = new int[p.nodes.size()];
    for (int id = 0; id < p.nodes.size(); id++) {
      if (live[id]) {
        for (int a : p.nodes.get(id).args()) {
          consumers[a]++;
        }
      }
    }
  }

  /** Source for {@code p} with segments of about {@code budget} estimated bytecode bytes. */
  static Result generate(ScalarProgram p, int budget) {
    SourceGen g = new SourceGen(p, budget);
    g.split();
    g.allocate();
    String source = g.emit();
    double[] k = g.constants.stream().mapToDouble(Double::doubleValue).toArray();
    return new Result(source, k, g.refs.toArray(), g.segments.size(), Set.copyOf(g.loopMethods));
  }

  /** The index of {@code c} in the constants array, added on first use. */
  private int constant(double c) {
    return constIndex.computeIfAbsent(
        Double.doubleToRawLongBits(c),
        bits -> {
          constants.add(c);
          return constants.size() - 1;
        });
  }

  /**
   * Assigns live nodes to segments in order, cutting at the budget and at batched steps, but never
   * between a loop and its results, nor between a stacked array and its last reader (an array lives
   * in one method).
   */
  private void split() {
    int[] lastUse = new int[p.nodes.size()];
    for (int id = 0; id < p.nodes.size(); id++) {
      if (live[id]) {
        for (int a : p.nodes.get(id).args()) {
          lastUse[a] = id;
        }
      }
    }
    List<Integer> cur = new ArrayList<>();
    int cost = 0;
    int openUntil = -1;
    for (int id = 0; id < p.nodes.size(); id++) {
      Node n = p.nodes.get(id);
      if (!live[id] || n.op() == Op.INPUT || n.op() == Op.CONST) {
        continue;
      }
      if (n.op() == Op.MATVEC) {
        segments.add(cur);
        barrierAfter.add(id);
        cur = new ArrayList<>();
        cost = 0;
        continue;
      }
      if (n.op() == Op.ELEMENT && p.nodes.get(n.args()[0]).op() == Op.MATVEC) {
        continue; // defined by the barrier, lives in scratch
      }
      int c = cost(p, n);
      boolean result = n.op() == Op.ELEMENT || n.op() == Op.CARRY || n.op() == Op.STACKED;
      if (cost + c > budget && !cur.isEmpty() && !result && id > openUntil) {
        segments.add(cur);
        barrierAfter.add(-1);
        cur = new ArrayList<>();
        cost = 0;
      }
      cur.add(id);
      defSeg[id] = segments.size();
      cost += c;
      if (n.op() == Op.STACKED) {
        openUntil = Math.max(openUntil, lastUse[id]);
      }
    }
    segments.add(cur);
    barrierAfter.add(-1);
  }

  /**
   * A rough upper bound of the bytecode bytes a node's statement takes; a loop's is its body's,
   * whatever its trip count.
   */
  private static int cost(ScalarProgram p, Node n) {
    if (n.op() == Op.LOOP) {
      ScalarProgram b = p.loops.get(n.param()).body();
      int c = 30 + 20 * n.args().length;
      for (Node m : b.nodes) {
        c += cost(b, m);
      }
      return c;
    }
    return switch (n.op()) {
          case ADD, MUL -> 14;
          case NEG, RECIP -> 11;
          case CALL -> 12;
          case CALL2 -> 16;
          case LT, LE, GT, GE, EQ, NE -> 22;
          case SELECT -> 22;
          case IPOW_CALL -> 15;
          case EVAL -> 24 + 10 * n.args().length;
          case DYN_INDEX -> 40;
          case STACKED, ARRAY_INPUT -> 0;
          default -> 12;
        }
        + 14; // an output store or scratch transfer, on average
  }

  private boolean matvecElement(int id) {
    Node n = p.nodes.get(id);
    return n.op() == Op.ELEMENT && p.nodes.get(n.args()[0]).op() == Op.MATVEC;
  }

  /** Gives a scratch slot to every value used outside its defining segment. */
  private void allocate() {
    Map<Integer, int[]> xSlots = new LinkedHashMap<>();
    for (int s = 0; s < segments.size(); s++) {
      for (int id : segments.get(s)) {
        for (int a : p.nodes.get(id).args()) {
          if (crosses(a, s)) {
            slotOf(a);
          }
        }
      }
      int b = barrierAfter.get(s);
      if (b >= 0) {
        xSlots.put(b, Arrays.stream(p.nodes.get(b).args()).map(this::slotOf).toArray());
      }
    }
    for (int o : p.outputs) {
      if (crosses(o, outputSegment(o))) {
        slotOf(o);
      }
    }
    for (int id = 0; id < p.nodes.size(); id++) {
      if (live[id] && matvecElement(id)) {
        slotOf(id);
      }
    }
    for (Map.Entry<Integer, int[]> e : xSlots.entrySet()) {
      int b = e.getKey();
      List<Integer> ys = new ArrayList<>();
      for (int id = 0; id < p.nodes.size(); id++) {
        Node n = p.nodes.get(id);
        if (n.op() == Op.ELEMENT && n.args()[0] == b) {
          while (ys.size() <= n.param()) {
            ys.add(-1);
          }
          ys.set(n.param(), slotOf(id));
        }
      }
      // an element nobody reads still needs a column
      int[] y = ys.stream().mapToInt(v -> v < 0 ? slots++ : v).toArray();
      int ref = p.nodes.get(b).ref();
      refs.set(ref, ((MatVecStep) p.refs.get(ref)).withSlots(e.getValue(), y));
    }
  }

  private boolean crosses(int id, int seg) {
    Op op = p.nodes.get(id).op();
    if (op == Op.INPUT || op == Op.CONST) {
      return false;
    }
    return matvecElement(id) || defSeg[id] != seg;
  }

  /** The segment that stores output node {@code o}: where it is defined, else the last one. */
  private int outputSegment(int o) {
    return defSeg[o] >= 0 ? defSeg[o] : segments.size() - 1;
  }

  /**
   * The scratch slot of a node, given on first use. Inputs and constants get one too when a batched
   * step reads them: it reads its x from scratch, filled just before it.
   */
  private int slotOf(int id) {
    if (slot[id] < 0) {
      slot[id] = slots++;
    }
    return slot[id];
  }

  private String emit() {
    StringBuilder sb = new StringBuilder();
    sb.append("public final class ").append(CLASS).append(" implements ");
    sb.append("gradgrid.ad.compile.KernelBody {\n");
    sb.append("  private final double[] K;\n  private final Object[] R;\n\n");
    sb.append("  public ").append(CLASS).append("(double[] k, Object[] r) {\n");
    sb.append("    this.K = k;\n    this.R = r;\n  }\n\n");
    sb.append("  public void run(double[][] in, int inOff, double[][] out, int outOff, int n) {\n");
    boolean tiled = segments.size() > 1 || slots > 0;
    if (!tiled) {
      sb.append("    s0(in, inOff, out, outOff, null, n);\n  }\n\n");
    } else {
      sb.append("    final double[][] S = new double[").append(slots).append("][");
      sb.append("n < ").append(TILE).append(" ? n : ").append(TILE).append("];\n");
      sb.append("    for (int t = 0; t < n; t += ").append(TILE).append(") {\n");
      sb.append("      final int len = n - t < ").append(TILE).append(" ? n - t : ");
      sb.append(TILE).append(";\n");
      int groups = (segments.size() + GROUP - 1) / GROUP;
      if (groups == 1) {
        calls(sb, 0, segments.size(), "inOff + t", "outOff + t");
      } else {
        for (int g = 0; g < groups; g++) {
          sb.append("      g").append(g).append("(in, inOff + t, out, outOff + t, S, len);\n");
        }
      }
      sb.append("    }\n  }\n\n");
      if (groups > 1) {
        for (int g = 0; g < groups; g++) {
          sb.append("  private void g").append(g).append("(double[][] in, int inOff,");
          sb.append(" double[][] out, int outOff, double[][] S, int len) {\n");
          calls(sb, g * GROUP, Math.min(segments.size(), (g + 1) * GROUP), "inOff", "outOff");
          sb.append("  }\n\n");
        }
      }
    }
    for (int s = 0; s < segments.size(); s++) {
      emitSegment(sb, s);
    }
    return sb.append("}\n").toString();
  }

  /** Calls segments {@code from..to-1} on a tile, each followed by its batched step if any. */
  private void calls(StringBuilder sb, int from, int to, String inOff, String outOff) {
    for (int s = from; s < to; s++) {
      sb.append("      s").append(s).append("(in, ").append(inOff).append(", out, ");
      sb.append(outOff).append(", S, len);\n");
      int b = barrierAfter.get(s);
      if (b >= 0) {
        int ref = p.nodes.get(b).ref();
        sb.append("      ((gradgrid.ad.compile.MatVecStep) R[").append(ref);
        sb.append("]).apply(S, len);\n");
      }
    }
  }

  /**
   * What segment {@code s} reads and writes, decided before any of its source is written: the input
   * columns, constants and scratch values it reads, the values it stores to scratch, its outputs
   * (computed per row, or whole columns of constants and inputs) and whether its outputs go through
   * a tile buffer.
   */
  private record SegmentPlan(
      List<Integer> body,
      BitSet inputs,
      BitSet consts,
      BitSet loads,
      BitSet stores,
      Map<Integer, List<Integer>> outStores,
      List<Integer> wholeColumn,
      int entries,
      boolean hasLoop,
      boolean buffered) {}

  private SegmentPlan plan(int s) {
    List<Integer> body = segments.get(s);
    BitSet inputs = new BitSet();
    BitSet consts = new BitSet();
    BitSet loads = new BitSet();
    BitSet stores = new BitSet();
    Map<Integer, List<Integer>> outStores = new LinkedHashMap<>();
    for (int id : body) {
      for (int a : p.nodes.get(id).args()) {
        need(a, s, inputs, consts, loads);
      }
    }
    int b = barrierAfter.get(s);
    if (b >= 0) {
      for (int a : p.nodes.get(b).args()) {
        Op op = p.nodes.get(a).op();
        if (op == Op.INPUT || op == Op.CONST || defSeg[a] == s) {
          need(a, s, inputs, consts, loads);
          stores.set(a);
        }
      }
    }
    List<Integer> wholeColumn = new ArrayList<>();
    int entries = 0;
    for (int j = 0; j < p.outputs.length; j++) {
      int o = p.outputs[j];
      if (outputSegment(o) == s) {
        Op op = p.nodes.get(o).op();
        if (op == Op.CONST || op == Op.INPUT) {
          wholeColumn.add(j);
          continue;
        }
        need(o, s, inputs, consts, loads);
        outStores.computeIfAbsent(o, k -> new ArrayList<>()).add(j);
        entries++;
      }
    }
    boolean hasLoop = body.stream().anyMatch(id -> p.nodes.get(id).op() == Op.LOOP);
    for (int id : body) {
      if (slot[id] >= 0) {
        stores.set(id);
      }
    }
    return new SegmentPlan(
        body,
        inputs,
        consts,
        loads,
        stores,
        outStores,
        wholeColumn,
        entries,
        hasLoop,
        !hasLoop && entries >= BUFFERED_OUTPUTS);
  }

  /** Writes segment {@code s}'s method: declarations, whole columns, then its rows. */
  private void emitSegment(StringBuilder sb, int s) {
    SegmentPlan g = plan(s);
    declarations(sb, s, g);
    // rows with loops are written first, for the declarations they need before the row loop
    String loopRows = null;
    if (g.hasLoop()) {
      StringBuilder t = new StringBuilder();
      loopRows(t, s, g.body(), g.inputs(), g.loads(), g.stores(), g.outStores());
      loopRows = t.toString();
      sb.append(statements.prelude);
      statements.clearPrelude();
    }
    for (int id : g.body()) {
      Node n = p.nodes.get(id);
      if (n.op() == Op.EVAL) {
        sb.append("    final gradgrid.ad.compile.PrimCall c").append(n.ref());
        sb.append(" = (gradgrid.ad.compile.PrimCall) R[").append(n.ref()).append("];\n");
      }
    }
    wholeColumns(sb, g.wholeColumn());
    if (loopRows != null) {
      sb.append(loopRows).append("  }\n\n");
      return;
    }
    rows(sb, s, g);
    sb.append("  }\n\n");
  }

  /** The method's header and the arrays and constants its rows read. */
  private void declarations(StringBuilder sb, int s, SegmentPlan g) {
    sb.append("  private void s").append(s);
    sb.append("(double[][] in, int inOff, double[][] out, int outOff, double[][] S, int n) {\n");
    for (int id = g.inputs().nextSetBit(0); id >= 0; id = g.inputs().nextSetBit(id + 1)) {
      int c = p.nodes.get(id).param();
      sb.append("    final double[] i").append(id).append(" = in[").append(c).append("];\n");
    }
    if (!g.buffered()) {
      for (List<Integer> cols : g.outStores().values()) {
        for (int j : cols) {
          sb.append("    final double[] o").append(j).append(" = out[").append(j).append("];\n");
        }
      }
    }
    BitSet scratch = new BitSet();
    scratch.or(g.loads());
    scratch.or(g.stores());
    for (int id = scratch.nextSetBit(0); id >= 0; id = scratch.nextSetBit(id + 1)) {
      sb.append("    final double[] x").append(id).append(" = S[").append(slot[id]).append("];\n");
    }
    for (int id = g.consts().nextSetBit(0); id >= 0; id = g.consts().nextSetBit(id + 1)) {
      int k = constant(p.nodes.get(id).value());
      sb.append("    final double v").append(id).append(" = K[").append(k).append("];\n");
    }
  }

  /**
   * Constant and input outputs: whole-column fills and copies outside the row loop, driven by
   * tables so the code does not grow with their number.
   */
  private void wholeColumns(StringBuilder sb, List<Integer> wholeColumn) {
    List<Integer> fillCols = new ArrayList<>();
    List<Double> fillValues = new ArrayList<>();
    List<Integer> copyCols = new ArrayList<>();
    List<Integer> copyFrom = new ArrayList<>();
    for (int j : wholeColumn) {
      Node n = p.nodes.get(p.outputs[j]);
      if (n.op() == Op.CONST) {
        fillCols.add(j);
        fillValues.add(n.value());
      } else {
        copyCols.add(j);
        copyFrom.add(n.param());
      }
    }
    if (!fillCols.isEmpty()) {
      int ref = refs.size();
      refs.add(fillCols.stream().mapToInt(Integer::intValue).toArray());
      refs.add(fillValues.stream().mapToDouble(Double::doubleValue).toArray());
      sb.append("    final int[] fc = (int[]) R[").append(ref).append("];\n");
      sb.append("    final double[] fv = (double[]) R[").append(ref + 1).append("];\n");
      sb.append("    for (int j = 0; j < ").append(fillCols.size()).append("; j++) {\n");
      sb.append("      final double[] oj = out[fc[j]];\n      final double k = fv[j];\n");
      sb.append("      for (int r = 0; r < n; r++) {\n        oj[outOff + r] = k;\n      }\n");
      sb.append("    }\n");
    }
    if (!copyCols.isEmpty()) {
      int ref = refs.size();
      refs.add(copyCols.stream().mapToInt(Integer::intValue).toArray());
      refs.add(copyFrom.stream().mapToInt(Integer::intValue).toArray());
      sb.append("    final int[] cc = (int[]) R[").append(ref).append("];\n");
      sb.append("    final int[] cf = (int[]) R[").append(ref + 1).append("];\n");
      sb.append("    for (int j = 0; j < ").append(copyCols.size()).append("; j++) {\n");
      sb.append("      System.arraycopy(in[cf[j]], inOff, out[cc[j]], outOff, n);\n    }\n");
    }
  }

  /**
   * The row loop of a segment without loops: each row's statements, its scratch stores and its
   * output stores, straight to the output columns or through the tile buffer.
   */
  private void rows(StringBuilder sb, int s, SegmentPlan g) {
    Map<Integer, List<Integer>> outStores = new LinkedHashMap<>(g.outStores());
    Map<Integer, Integer> srcPos = new LinkedHashMap<>();
    BitSet scaled = new BitSet();
    if (g.buffered()) {
      bufferedHeader(sb, g, srcPos, scaled);
    } else {
      sb.append("    for (int r = 0; r < n; r++) {\n");
    }
    for (int id = g.inputs().nextSetBit(0); id >= 0; id = g.inputs().nextSetBit(id + 1)) {
      sb.append("      final double v").append(id).append(" = i").append(id);
      sb.append("[inOff + r];\n");
    }
    for (int id = g.loads().nextSetBit(0); id >= 0; id = g.loads().nextSetBit(id + 1)) {
      sb.append("      final double v").append(id).append(" = x").append(id).append("[r];\n");
    }
    for (int id : g.body()) {
      if (scaled.get(id)) {
        continue; // the copy loop computes it
      }
      statements.write(sb, "      ", live, oneRow, id);
      if (g.stores().get(id)) {
        sb.append("      x").append(id).append("[r] = v").append(id).append(";\n");
      }
      if (g.buffered()) {
        Integer at = srcPos.remove(id);
        if (at != null) {
          sb.append("      ob[q + ").append(at).append("] = v").append(id).append(";\n");
        }
        continue;
      }
      List<Integer> cols = outStores.remove(id);
      if (cols != null) {
        for (int j : cols) {
          sb.append("      o").append(j).append("[outOff + r] = v").append(id).append(";\n");
        }
      }
    }
    for (int id = g.stores().nextSetBit(0); id >= 0; id = g.stores().nextSetBit(id + 1)) {
      if (defSeg[id] != s) {
        sb.append("      x").append(id).append("[r] = v").append(id).append(";\n");
      }
    }
    if (g.buffered()) {
      // values defined in another segment (read from scratch above)
      for (Map.Entry<Integer, Integer> e : srcPos.entrySet()) {
        sb.append("      ob[q + ").append(e.getValue()).append("] = v").append(e.getKey());
        sb.append(";\n");
      }
    } else {
      for (Map.Entry<Integer, List<Integer>> e : outStores.entrySet()) {
        for (int j : e.getValue()) {
          sb.append("      o").append(j).append("[outOff + r] = v").append(e.getKey());
          sb.append(";\n");
        }
      }
    }
    sb.append("    }\n");
    if (g.buffered()) {
      bufferedCopy(sb, g.entries());
    }
  }

  /**
   * The tile buffer's tables and the head of its two loops. Each row's values go to a column-major
   * tile buffer (padded stride, so the columns do not share cache sets); afterwards one loop copies
   * each buffer column to its output column times a scale ({@link #bufferedCopy}). An output
   * "constant * value" that nothing else reads is not computed per row at all: the copy loop does
   * that multiplication, vectorised (such outputs are added to {@code scaled}). Other outputs are
   * copied times 1.0, which is exact. Fills {@code srcPos} with each buffered value's offset.
   */
  private void bufferedHeader(
      StringBuilder sb, SegmentPlan g, Map<Integer, Integer> srcPos, BitSet scaled) {
    int stride = OUT_TILE + 8;
    int[] oc = new int[g.entries()];
    int[] os = new int[g.entries()];
    double[] ok = new double[g.entries()];
    int k = 0;
    for (Map.Entry<Integer, List<Integer>> e : g.outStores().entrySet()) {
      int id = e.getKey();
      int src = id;
      double scale = 1.0;
      int other = g.stores().get(id) ? -1 : tailOperand(id);
      if (other >= 0) {
        int[] a = p.nodes.get(id).args();
        src = other;
        scale = p.nodes.get(a[0] == other ? a[1] : a[0]).value();
        scaled.set(id);
      }
      int pos = srcPos.computeIfAbsent(src, x -> srcPos.size());
      for (int j : e.getValue()) {
        oc[k] = j;
        os[k] = pos * stride;
        ok[k] = scale;
        k++;
      }
    }
    int ref = refs.size();
    refs.add(oc);
    refs.add(os);
    refs.add(ok);
    sb.append("    final int[] oc = (int[]) R[").append(ref).append("];\n");
    sb.append("    final int[] os = (int[]) R[").append(ref + 1).append("];\n");
    sb.append("    final double[] ok = (double[]) R[").append(ref + 2).append("];\n");
    sb.append("    final double[] ob = new double[").append(stride * srcPos.size());
    sb.append("];\n");
    sb.append("    for (int t = 0; t < n; t += ").append(OUT_TILE).append(") {\n");
    sb.append("    final int e = t + ").append(OUT_TILE).append(" < n ? t + ").append(OUT_TILE);
    sb.append(" : n;\n");
    sb.append("    for (int r = t; r < e; r++) {\n");
    sb.append("      final int q = r - t;\n");
    for (Map.Entry<Integer, Integer> e : srcPos.entrySet()) {
      srcPos.put(e.getKey(), e.getValue() * stride);
    }
  }

  /** The tile buffer's copy loop into the output columns, and the end of the tile loop. */
  private static void bufferedCopy(StringBuilder sb, int entries) {
    sb.append("    final int len = e - t;\n");
    sb.append("    final int at = outOff + t;\n");
    sb.append("    for (int j = 0; j < ").append(entries).append("; j++) {\n");
    sb.append("      final double[] oj = out[oc[j]];\n");
    sb.append("      final int b = os[j];\n");
    sb.append("      final double k = ok[j];\n");
    sb.append("      for (int r = 0; r < len; r++) {\n");
    sb.append("        oj[at + r] = ob[b + r] * k;\n");
    sb.append("      }\n    }\n    }\n");
  }

  /**
   * The row loop of a segment holding a loop: {@link #interleave} rows at a time while that many
   * remain, each row's values named apart and each loop stepping all of them at once (a loop's step
   * is a chain of dependent operations; independent chains side by side keep the processor busy),
   * then the remaining rows one at a time.
   */
  private void loopRows(
      StringBuilder sb,
      int s,
      List<Integer> body,
      BitSet inputs,
      BitSet loads,
      BitSet stores,
      Map<Integer, List<Integer>> outStores) {
    int cost = 0;
    for (int id : body) {
      cost += rowBytes(p, p.nodes.get(id));
    }
    int g = interleave(cost, budget);
    if (g == 1) {
      loopMethods.add("s" + s);
    }
    sb.append("    int r = 0;\n");
    if (g > 1) {
      Statements.Names[] rows = new Statements.Names[g];
      for (int k = 0; k < g; k++) {
        rows[k] = Statements.Names.top(p, "g" + k + "_");
      }
      sb.append("    for (; r + ").append(g).append(" <= n; r += ").append(g).append(") {\n");
      rowBody(sb, s, body, inputs, loads, stores, outStores, rows);
      sb.append("    }\n");
    }
    sb.append("    for (; r < n; r++) {\n");
    rowBody(sb, s, body, inputs, loads, stores, outStores, oneRow);
    sb.append("    }\n");
  }

  /**
   * Bytecode bytes a node takes in a row loop computing rows side by side, estimated closer than
   * {@link #cost} (no stores): about 12 per operation, measured on RK4 loops and their gradients.
   */
  private static int rowBytes(ScalarProgram p, Node n) {
    return switch (n.op()) {
      case LOOP -> {
        ScalarProgram b = p.loops.get(n.param()).body();
        int c = 40 + 12 * n.args().length;
        for (Node m : b.nodes) {
          c += rowBytes(b, m);
        }
        yield c;
      }
      case EVAL -> 30 + 6 * n.args().length;
      case INPUT, CONST, STACKED, ARRAY_INPUT -> 4;
      default -> 12;
    };
  }

  /**
   * How many rows a segment of estimated size {@code cost} computes side by side: 4 or 2 while that
   * many copies and the one-row remainder fit the method budget, else 1.
   */
  static int interleave(int cost, int budget) {
    for (int g = 4; g > 1; g /= 2) {
      if ((long) (g + 1) * cost <= budget) {
        return g;
      }
    }
    return 1;
  }

  /** One pass of a segment's row loop over the rows named by {@code rows}, at {@code r + k}. */
  private void rowBody(
      StringBuilder sb,
      int s,
      List<Integer> body,
      BitSet inputs,
      BitSet loads,
      BitSet stores,
      Map<Integer, List<Integer>> outStores,
      Statements.Names[] rows) {
    String[] at = new String[rows.length];
    for (int k = 0; k < rows.length; k++) {
      at[k] = k == 0 ? "r" : "r + " + k;
    }
    for (int k = 0; k < rows.length; k++) {
      for (int id = inputs.nextSetBit(0); id >= 0; id = inputs.nextSetBit(id + 1)) {
        sb.append("      final double ").append(rows[k].of(id)).append(" = i").append(id);
        sb.append("[inOff + ").append(at[k]).append("];\n");
      }
      for (int id = loads.nextSetBit(0); id >= 0; id = loads.nextSetBit(id + 1)) {
        sb.append("      final double ").append(rows[k].of(id)).append(" = x").append(id);
        sb.append('[').append(at[k]).append("];\n");
      }
    }
    Set<Integer> stored = new HashSet<>();
    for (int id : body) {
      statements.write(sb, "      ", live, rows, id);
      for (int k = 0; k < rows.length; k++) {
        if (stores.get(id)) {
          sb.append("      x").append(id).append('[').append(at[k]).append("] = ");
          sb.append(rows[k].of(id)).append(";\n");
        }
        for (int j : outStores.getOrDefault(id, List.of())) {
          sb.append("      o").append(j).append("[outOff + ").append(at[k]).append("] = ");
          sb.append(rows[k].of(id)).append(";\n");
        }
      }
      stored.add(id);
    }
    for (int k = 0; k < rows.length; k++) {
      for (int id = stores.nextSetBit(0); id >= 0; id = stores.nextSetBit(id + 1)) {
        if (defSeg[id] != s) {
          sb.append("      x").append(id).append('[').append(at[k]).append("] = ");
          sb.append(rows[k].of(id)).append(";\n");
        }
      }
      for (Map.Entry<Integer, List<Integer>> e : outStores.entrySet()) {
        if (!stored.contains(e.getKey())) {
          for (int j : e.getValue()) {
            sb.append("      o").append(j).append("[outOff + ").append(at[k]).append("] = ");
            sb.append(rows[k].of(e.getKey())).append(";\n");
          }
        }
      }
    }
  }

  /**
   * For an output node {@code c * x} (c a constant, x a computed value) read by nothing else: x,
   * whose buffered column the copy loop multiplies by c; otherwise -1.
   */
  private int tailOperand(int id) {
    Node n = p.nodes.get(id);
    if (n.op() != Op.MUL || consumers[id] != 0) {
      return -1;
    }
    Op a = p.nodes.get(n.args()[0]).op();
    Op b = p.nodes.get(n.args()[1]).op();
    if (a == Op.CONST && b != Op.CONST && b != Op.INPUT) {
      return n.args()[1];
    }
    if (b == Op.CONST && a != Op.CONST && a != Op.INPUT) {
      return n.args()[0];
    }
    return -1;
  }

  /** Records how segment {@code s} obtains node {@code a}: input, constant or scratch load. */
  private void need(int a, int s, BitSet inputs, BitSet consts, BitSet loads) {
    Op op = p.nodes.get(a).op();
    if (op == Op.INPUT) {
      inputs.set(a);
    } else if (op == Op.CONST) {
      consts.set(a);
    } else if (crosses(a, s)) {
      loads.set(a);
    }
  }
}
