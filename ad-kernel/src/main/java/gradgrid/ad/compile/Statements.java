package gradgrid.ad.compile;

import gradgrid.ad.compile.ScalarProgram.LoopCode;
import gradgrid.ad.compile.ScalarProgram.Node;
import gradgrid.ad.compile.ScalarProgram.Op;
import gradgrid.ad.prim.BinaryFn;
import gradgrid.ad.prim.UnaryFn;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleToIntFunction;

/**
 * Writes the Java statement of one scalar node for {@link SourceGen}, in a kernel's row loop or in
 * a loop body. A LOOP node becomes a Java {@code for} loop over its trip count: the carries are
 * local doubles, the body's statements are written once inside it (a nested loop recursively), and
 * each per-step output goes to a {@code double[]} of {@code length * width} elements allocated
 * before the row loop, so once per call of the segment method and never shared between threads.
 * What a body needs before the row loop (its constants, its evaluated primitives, those arrays)
 * collects in {@link #prelude}. Several rows may be written side by side, their names told apart by
 * a prefix, a loop then stepping them all in one Java loop. Every identifier is made here from node
 * numbers.
 */
final class Statements {
  /**
   * The names of a program's nodes: {@code prefix + "v" + id}, except a loop body's inputs, which
   * name the loop's index, its carries and the enclosing values it closes over.
   */
  record Names(String prefix, ScalarProgram p, String[] inputs) {
    /**
     * The names of a kernel's own program for one of the rows computed side by side ({@code prefix}
     * tells them apart); its constants are shared, {@code "v" + id}.
     */
    static Names top(ScalarProgram p, String prefix) {
      return new Names(prefix, p, null);
    }

    String of(int id) {
      Node n = p.nodes.get(id);
      if (inputs != null && (n.op() == Op.INPUT || n.op() == Op.ARRAY_INPUT)) {
        return inputs[n.param()];
      }
      if (inputs == null && n.op() == Op.CONST) {
        return "v" + id;
      }
      return prefix + "v" + id;
    }
  }

  private final DoubleToIntFunction constants;

  /** The generated code's references ({@code R}), to which a loop's table is added. */
  private final List<Object> refs;

  /** Declarations the loops written so far need before the row loop. */
  final StringBuilder prelude = new StringBuilder();

  /** The evaluated primitives the prelude declares, by reference. */
  private final Set<Integer> declared = new HashSet<>();

  /**
   * Writes statements that read constant {@code c} from {@code K[constants.applyAsInt(c)]} and
   * reference {@code r} from {@code R[r]}, adding the tables they need to {@code refs}.
   */
  Statements(DoubleToIntFunction constants, List<Object> refs) {
    this.constants = constants;
    this.refs = refs;
  }

  /** Empties the prelude, once it is written into a method. */
  void clearPrelude() {
    prelude.setLength(0);
    declared.clear();
  }

  /**
   * Appends the statement of node {@code id} of {@code rows[0].p()}, whose live nodes are {@code
   * live}, once for each of the rows named by {@code rows}, which are computed side by side: a loop
   * is one Java loop that steps all of them (independent chains the processor overlaps).
   */
  void write(StringBuilder sb, String ind, boolean[] live, Names[] rows, int id) {
    if (rows[0].p().nodes.get(id).op() == Op.LOOP) {
      loop(sb, ind, live, rows, id);
      return;
    }
    for (Names names : rows) {
      write(sb, ind, names, id);
    }
  }

  private void write(StringBuilder sb, String ind, Names names, int id) {
    ScalarProgram p = names.p();
    Node n = p.nodes.get(id);
    int[] a = n.args();
    switch (n.op()) {
      case STACKED, ARRAY_INPUT, INPUT, CONST -> {
        return; // declared before the row loop or named by the enclosing loop
      }
      case EVAL -> {
        sb.append(ind).append("final double[] ").append(names.of(id)).append(" = c");
        sb.append(n.ref()).append(".eval(new double[] {");
        for (int k = 0; k < a.length; k++) {
          sb.append(k == 0 ? "" : ", ").append(names.of(a[k]));
        }
        sb.append("});\n");
        return;
      }
      default -> sb.append(ind).append("final double ").append(names.of(id)).append(" = ");
    }
    switch (n.op()) {
      case ADD -> bin(sb, names, a, " + ");
      case MUL -> bin(sb, names, a, " * ");
      case NEG -> sb.append('-').append(names.of(a[0]));
      case RECIP -> sb.append("1.0 / ").append(names.of(a[0]));
      case CALL -> call(sb, names, UnaryFn.values()[n.param()].javaName(), a);
      case CALL2 -> call(sb, names, BinaryFn.values()[n.param()].javaName(), a);
      case LT -> cmp(sb, names, a, " < ");
      case LE -> cmp(sb, names, a, " <= ");
      case GT -> cmp(sb, names, a, " > ");
      case GE -> cmp(sb, names, a, " >= ");
      case EQ -> cmp(sb, names, a, " == ");
      case NE -> cmp(sb, names, a, " != ");
      case SELECT -> {
        sb.append(names.of(a[0])).append(" != 0.0 ? ").append(names.of(a[1]));
        sb.append(" : ").append(names.of(a[2]));
      }
      case IPOW_CALL -> {
        sb.append("gradgrid.ad.prim.IntPow.pow(").append(names.of(a[0])).append(", ");
        sb.append(n.param()).append(')');
      }
      case ELEMENT -> sb.append(names.of(a[0])).append('[').append(n.param()).append(']');
      case CARRY -> sb.append(loopPrefix(names, a[0])).append('c').append(n.param());
      case DYN_INDEX -> {
        // DynIndex.eval: NaN unless the row is an integer in range; the row count is the
        // array's length over its width, so the text does not hold the trip count
        int w = p.dims.get(a[0]).width();
        String i = names.of(a[1]);
        String arr = names.of(a[0]);
        sb.append(i).append(" >= 0.0 && ").append(i).append(" < ").append(arr).append(".length");
        sb.append(w == 1 ? "" : " / " + w).append(" && ").append(i).append(" == Math.rint(");
        sb.append(i).append(") ? ").append(arr).append("[(int) ").append(i);
        sb.append(w == 1 ? "" : " * " + w).append(n.param() == 0 ? "" : " + " + n.param());
        sb.append("] : Double.NaN");
      }
      default -> throw new IllegalStateException("no statement for " + n.op());
    }
    sb.append(";\n");
  }

  private static String loopPrefix(Names names, int loop) {
    return names.prefix() + "l" + loop + "_";
  }

  /**
   * The loop of LOOP node {@code id}: carries initialised, the body once inside a {@code for} over
   * the trip count, the next carries through temporaries (a body may swap its carries), per-step
   * outputs stored at row {@code k}; only the per-step outputs something reads are stored. The
   * bounds and array sizes come from an {@code int[]} in the references ({@code lower, length,
   * length * width...}), so a loop's code is the same text whatever its trip count.
   */
  private void loop(StringBuilder sb, String ind, boolean[] live, Names[] rows, int id) {
    ScalarProgram p = rows[0].p();
    LoopCode c = p.loops.get(p.nodes.get(id).param());
    ScalarProgram b = c.body();
    int[] a = p.nodes.get(id).args();
    int carries = c.carryElements();
    int g = rows.length;
    String shared = loopPrefix(rows[0], id);
    String[] pre = new String[g];
    Names[] body = new Names[g];
    for (int r = 0; r < g; r++) {
      pre[r] = loopPrefix(rows[r], id);
      String[] inputs = new String[1 + a.length];
      inputs[0] = shared + "i";
      for (int k = 0; k < a.length; k++) {
        inputs[1 + k] = k < carries ? pre[r] + "c" + k : rows[r].of(a[k]);
      }
      body[r] = new Names(pre[r], b, inputs);
    }
    int[] stacked = new int[c.stackedWidths().length];
    Arrays.fill(stacked, -1);
    int[] table = new int[2 + stacked.length];
    table[0] = c.lower();
    table[1] = c.length();
    for (int j = 0; j < stacked.length; j++) {
      table[2 + j] = Math.multiplyExact(c.length(), c.stackedWidths()[j]);
    }
    String t = shared + "t";
    prelude.append("    final int[] ").append(t).append(" = (int[]) R[").append(refs.size());
    prelude.append("];\n");
    refs.add(table);
    for (int q = id + 1; q < p.nodes.size(); q++) {
      Node m = p.nodes.get(q);
      if ((m.op() != Op.CARRY && m.op() != Op.STACKED) || m.args()[0] != id) {
        break;
      }
      if (m.op() == Op.STACKED && live[q]) {
        stacked[m.param()] = q;
      }
    }
    int[] roots = new int[b.outputs.length];
    int nroots = 0;
    int at = carries;
    for (int k = 0; k < carries; k++) {
      roots[nroots++] = b.outputs[k];
    }
    for (int j = 0; j < stacked.length; j++) {
      int w = c.stackedWidths()[j];
      if (stacked[j] >= 0) {
        for (Names names : rows) {
          prelude.append("    final double[] ").append(names.of(stacked[j]));
          prelude.append(" = new double[").append(t).append('[').append(2 + j).append("]];\n");
        }
        for (int e = 0; e < w; e++) {
          roots[nroots++] = b.outputs[at + e];
        }
      }
      at += w;
    }
    boolean[] bl = b.live(Arrays.copyOf(roots, nroots));
    for (int q = 0; q < b.nodes.size(); q++) {
      Node m = b.nodes.get(q);
      if (!bl[q]) {
        continue;
      }
      if (m.op() == Op.CONST) {
        for (Names names : body) {
          prelude.append("    final double ").append(names.of(q)).append(" = K[");
          prelude.append(constants.applyAsInt(m.value())).append("];\n");
        }
      } else if (m.op() == Op.EVAL && declared.add(m.ref())) {
        prelude.append("    final gradgrid.ad.compile.PrimCall c").append(m.ref());
        prelude.append(" = (gradgrid.ad.compile.PrimCall) R[").append(m.ref()).append("];\n");
      }
    }
    for (int r = 0; r < g; r++) {
      for (int k = 0; k < carries; k++) {
        sb.append(ind).append("double ").append(pre[r]).append('c').append(k).append(" = ");
        sb.append(rows[r].of(a[k])).append(";\n");
      }
    }
    sb.append(ind).append("final int ").append(shared).append("lo = ").append(t).append("[0];\n");
    sb.append(ind).append("final int ").append(shared).append("n = ").append(t).append("[1];\n");
    sb.append(ind).append("for (int ").append(shared).append("k = 0; ").append(shared);
    sb.append("k < ").append(shared).append("n; ").append(shared).append("k++) {\n");
    String in2 = ind + "  ";
    sb.append(in2).append("final double ").append(shared).append("i = (double) (").append(shared);
    sb.append("lo + ").append(shared).append("k);\n");
    for (int q = 0; q < b.nodes.size(); q++) {
      if (bl[q]) {
        write(sb, in2, bl, body, q);
      }
    }
    for (int r = 0; r < g; r++) {
      for (int k = 0; k < carries; k++) {
        sb.append(in2).append("final double ").append(pre[r]).append('n').append(k).append(" = ");
        sb.append(body[r].of(b.outputs[k])).append(";\n");
      }
    }
    at = carries;
    for (int j = 0; j < stacked.length; j++) {
      int w = c.stackedWidths()[j];
      if (stacked[j] >= 0) {
        for (int r = 0; r < g; r++) {
          for (int e = 0; e < w; e++) {
            sb.append(in2).append(rows[r].of(stacked[j])).append('[').append(shared);
            sb.append("k * ").append(w).append(" + ").append(e).append("] = ");
            sb.append(body[r].of(b.outputs[at + e])).append(";\n");
          }
        }
      }
      at += w;
    }
    for (int r = 0; r < g; r++) {
      for (int k = 0; k < carries; k++) {
        sb.append(in2).append(pre[r]).append('c').append(k).append(" = ").append(pre[r]);
        sb.append('n').append(k).append(";\n");
      }
    }
    sb.append(ind).append("}\n");
  }

  private static void bin(StringBuilder sb, Names names, int[] a, String op) {
    sb.append(names.of(a[0])).append(op).append(names.of(a[1]));
  }

  private static void cmp(StringBuilder sb, Names names, int[] a, String op) {
    sb.append(names.of(a[0])).append(op).append(names.of(a[1])).append(" ? 1.0 : 0.0");
  }

  private static void call(StringBuilder sb, Names names, String fn, int[] a) {
    sb.append(fn).append('(');
    for (int k = 0; k < a.length; k++) {
      sb.append(k == 0 ? "" : ", ").append(names.of(a[k]));
    }
    sb.append(')');
  }
}
