package gradgrid.ad.compile;

import gradgrid.ad.compile.ScalarProgram.Node;
import gradgrid.ad.compile.ScalarProgram.Op;
import gradgrid.ad.prim.UnaryFn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a kernel whose row loop runs over {@code jdk.incubator.vector} {@code DoubleVector}s, one
 * lane per row, for the programs it can write exactly: sums, products, negation, reciprocals,
 * square roots, comparisons and selects, each of which the Vector API computes lane by lane as the
 * scalar operator does (IEEE-754 correctly rounded, no fused multiply-add, no reassociation), so
 * the results equal the scalar kernel's bit for bit. Anything else (a call of {@code exp}, a
 * batched product, an evaluated primitive) keeps the kernel scalar. Rows past the last whole vector
 * run through the scalar kernel, which the generated class receives in its constructor.
 *
 * <p>Janino resolves {@code blend} to {@code Vector}'s, hence its casts to {@code DoubleVector}.
 * The whole row loop is one method, so a program is taken only while its estimated size stays under
 * the JIT's method limit; {@link Jit} also checks the compiled size.
 */
final class SimdSourceGen {
  /** The generated class's simple name. */
  static final String CLASS = "GeneratedSimdKernel";

  /** Estimated bytecode bytes of one vector statement, a load or a store. */
  private static final int BYTES_PER_NODE = 14;

  private final ScalarProgram p;
  private final boolean[] live;
  private final Map<Integer, Integer> constIndex = new LinkedHashMap<>();

  /** The source and the constants it reads. */
  record Result(String source, double[] constants) {}

  private SimdSourceGen(ScalarProgram p) {
    this.p = p;
    this.live = p.live();
  }

  /**
   * The SIMD kernel of {@code p}, or empty when a node has no exact lane-wise form or the loop
   * would not fit in {@code budget} bytes.
   */
  static Optional<Result> generate(ScalarProgram p, int budget) {
    SimdSourceGen g = new SimdSourceGen(p);
    int nodes = 0;
    for (int id = 0; id < p.nodes.size(); id++) {
      if (g.live[id]) {
        if (!exact(p.nodes.get(id))) {
          return Optional.empty();
        }
        nodes++;
      }
    }
    if ((nodes + p.outputs.length) * BYTES_PER_NODE > budget) {
      return Optional.empty();
    }
    String source = g.emit();
    double[] k = new double[g.constIndex.size()];
    int i = 0;
    for (int id : g.constIndex.keySet()) {
      k[i++] = p.nodes.get(id).value();
    }
    return Optional.of(new Result(source, k));
  }

  private static boolean exact(Node n) {
    return switch (n.op()) {
      case INPUT, CONST, ADD, MUL, NEG, RECIP, LT, LE, GT, GE, EQ, NE, SELECT -> true;
      case CALL -> UnaryFn.values()[n.param()] == UnaryFn.SQRT;
      default -> false;
    };
  }

  private String emit() {
    StringBuilder sb = new StringBuilder();
    sb.append("import jdk.incubator.vector.DoubleVector;\n");
    sb.append("import jdk.incubator.vector.VectorOperators;\n");
    sb.append("import jdk.incubator.vector.VectorSpecies;\n\n");
    sb.append("public final class ").append(CLASS).append(" implements ");
    sb.append("gradgrid.ad.compile.KernelBody {\n");
    sb.append("  private static final VectorSpecies S = DoubleVector.SPECIES_PREFERRED;\n");
    sb.append("  private final double[] K;\n");
    sb.append("  private final gradgrid.ad.compile.KernelBody tail;\n\n");
    sb.append("  public ")
        .append(CLASS)
        .append("(double[] k, gradgrid.ad.compile.KernelBody t) {\n");
    sb.append("    this.K = k;\n    this.tail = t;\n  }\n\n");
    sb.append("  public void run(double[][] in, int inOff, double[][] out, int outOff, int n) {\n");
    sb.append("    final int bound = S.loopBound(n);\n");
    sb.append("    final DoubleVector one = DoubleVector.broadcast(S, 1.0);\n");
    sb.append("    final DoubleVector zero = DoubleVector.broadcast(S, 0.0);\n");
    for (int id = 0; id < p.nodes.size(); id++) {
      Node n = p.nodes.get(id);
      if (!live[id]) {
        continue;
      }
      if (n.op() == Op.INPUT) {
        sb.append("    final double[] i").append(id).append(" = in[").append(n.param());
        sb.append("];\n");
      } else if (n.op() == Op.CONST) {
        int k = constIndex.computeIfAbsent(id, x -> constIndex.size());
        sb.append("    final DoubleVector v").append(id);
        sb.append(" = DoubleVector.broadcast(S, K[").append(k).append("]);\n");
      }
    }
    for (int j = 0; j < p.outputs.length; j++) {
      sb.append("    final double[] o").append(j).append(" = out[").append(j).append("];\n");
    }
    sb.append("    for (int r = 0; r < bound; r += S.length()) {\n");
    for (int id = 0; id < p.nodes.size(); id++) {
      Node n = p.nodes.get(id);
      if (live[id] && n.op() != Op.CONST) {
        statement(sb, id, n);
      }
    }
    for (int j = 0; j < p.outputs.length; j++) {
      sb.append("      v").append(p.outputs[j]).append(".intoArray(o").append(j);
      sb.append(", outOff + r);\n");
    }
    sb.append("    }\n");
    sb.append("    if (bound < n) {\n");
    sb.append("      tail.run(in, inOff + bound, out, outOff + bound, n - bound);\n");
    sb.append("    }\n  }\n}\n");
    return sb.toString();
  }

  private static void statement(StringBuilder sb, int id, Node n) {
    int[] a = n.args();
    sb.append("      final DoubleVector v").append(id).append(" = ");
    switch (n.op()) {
      case INPUT -> sb.append("DoubleVector.fromArray(S, i").append(id).append(", inOff + r)");
      case ADD -> sb.append('v').append(a[0]).append(".add(v").append(a[1]).append(')');
      case MUL -> sb.append('v').append(a[0]).append(".mul(v").append(a[1]).append(')');
      case NEG -> sb.append('v').append(a[0]).append(".neg()");
      case RECIP -> sb.append("one.div(v").append(a[0]).append(')');
      case CALL -> sb.append("v").append(a[0]).append(".sqrt()");
      case LT -> cmp(sb, a, "LT");
      case LE -> cmp(sb, a, "LE");
      case GT -> cmp(sb, a, "GT");
      case GE -> cmp(sb, a, "GE");
      case EQ -> cmp(sb, a, "EQ");
      case NE -> cmp(sb, a, "NE");
      case SELECT -> {
        // the scalar kernel's "c != 0.0 ? x : y", NaN conditions included
        sb.append("(DoubleVector) v").append(a[2]).append(".blend(v").append(a[1]).append(", v");
        sb.append(a[0]).append(".compare(VectorOperators.NE, 0.0))");
      }
      default -> throw new IllegalStateException("no lane-wise statement for " + n.op());
    }
    sb.append(";\n");
  }

  /** The scalar kernel's {@code a OP b ? 1.0 : 0.0}. */
  private static void cmp(StringBuilder sb, int[] a, String op) {
    sb.append("(DoubleVector) zero.blend(one, v")
        .append(a[0])
        .append(".compare(VectorOperators.")
        .append(op);
    sb.append(", v").append(a[1]).append("))");
  }
}
