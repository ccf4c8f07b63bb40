package gradgrid.ad.compile;

import gradgrid.ad.prim.BinaryFn;
import gradgrid.ad.prim.UnaryFn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph scalarised: every element of every vector or matrix is one node holding a double, in
 * dependency order, with value numbering so an element computed twice is computed once. Built by
 * {@link Scalarizer}, turned into Java source by {@link SourceGen}.
 */
final class ScalarProgram {
  /** What a node computes. */
  enum Op {
    /** Input column {@code param}. */
    INPUT,
    /** Constant {@code value}, read from the kernel's constants array. */
    CONST,
    ADD,
    MUL,
    NEG,
    RECIP,
    /** {@code UnaryFn.values()[param]} of {@code args[0]}, a call to its static method. */
    CALL,
    /** {@code BinaryFn.values()[param]} of {@code args[0], args[1]}, a call to its method. */
    CALL2,
    LT,
    LE,
    GT,
    GE,
    EQ,
    NE,
    SELECT,
    /** {@code IntPow.pow(arg, param)} called, for exponents too large to unroll. */
    IPOW_CALL,
    /** A primitive evaluated through its {@code eval} rule; produces a {@code double[]}. */
    EVAL,
    /** A batched matrix-vector product over a tile; a barrier between source segments. */
    MATVEC,
    /**
     * Element {@code param} of the array made by the EVAL, MATVEC, STACKED or ARRAY_INPUT node
     * {@code args[0]}.
     */
    ELEMENT,
    /**
     * A loop ({@code loops.get(param)}) over the initial carry elements then the closed-over values
     * in {@code args} (an array node for a stacked one); a block of statements, no value.
     */
    LOOP,
    /** Element {@code param} of the flattened carries after the LOOP node {@code args[0]}. */
    CARRY,
    /** Per-step output {@code param} of the LOOP node {@code args[0]}, a {@code double[]}. */
    STACKED,
    /** In a loop body: the stacked array the loop closes over as body input {@code param}. */
    ARRAY_INPUT,
    /**
     * Element {@code param} of row {@code args[1]} of the array node {@code args[0]}: NaN when the
     * row is not an integer in range, as {@link gradgrid.ad.prim.DynIndex} evaluates.
     */
    DYN_INDEX
  }

  /**
   * A loop's code: its body scalarised ({@code body} inputs are column 0 the index, then one column
   * per carry element, then one per closed-over element or stacked array; outputs the next carry
   * elements then the per-step outputs), run for {@code lower, ..., lower + length - 1}; {@code
   * stackedWidths[j]} is the element count of per-step output j.
   */
  record LoopCode(
      ScalarProgram body, int lower, int length, int carryElements, int[] stackedWidths) {}

  /** Rows and row width of an array node (STACKED or ARRAY_INPUT), for DYN_INDEX. */
  record Dims(int rows, int width) {}

  /**
   * One node. {@code args} are node ids; {@code param} is an input column, exponent, element index
   * or rule-table function; {@code ref} indexes {@link #refs} for EVAL (the primitive) and MATVEC
   * (the step).
   */
  record Node(Op op, int[] args, int param, double value, int ref) {
    boolean isArray() {
      return op == Op.EVAL || op == Op.MATVEC || op == Op.STACKED || op == Op.ARRAY_INPUT;
    }
  }

  private record Key(Op op, List<Integer> args, int param, long bits, Object ref) {}

  final List<Node> nodes = new ArrayList<>();

  /** Objects the generated code reads through the references array (primitives, matvec steps). */
  final List<Object> refs;

  /** The code of each LOOP node, by its {@code param}. */
  final List<LoopCode> loops = new ArrayList<>();

  /** Rows and width of each STACKED and ARRAY_INPUT node. */
  final Map<Integer, Dims> dims = new HashMap<>();

  /** Output columns: the node holding each scalar output element, in ABI order. */
  int[] outputs;

  int inputWidth;

  private final Map<Key, Integer> seen = new HashMap<>();

  /** A top-level program with its own references. */
  ScalarProgram() {
    this(new ArrayList<>());
  }

  /** A loop body's program, adding its references to its kernel's list {@code refs}. */
  ScalarProgram(List<Object> refs) {
    this.refs = refs;
  }

  int input(int column) {
    return add(Op.INPUT, new int[0], column, 0.0, null);
  }

  int constant(double v) {
    return add(Op.CONST, new int[0], 0, v, null);
  }

  int op(Op op, int... args) {
    if ((op == Op.ADD || op == Op.MUL) && args[1] < args[0]) {
      // IEEE addition and multiplication are commutative bit for bit
      args = new int[] {args[1], args[0]};
    }
    return add(op, args, 0, 0.0, null);
  }

  int call(UnaryFn f, int arg) {
    return add(Op.CALL, new int[] {arg}, f.ordinal(), 0.0, null);
  }

  int call(BinaryFn f, int a, int b) {
    return add(Op.CALL2, new int[] {a, b}, f.ordinal(), 0.0, null);
  }

  int ipowCall(int arg, int n) {
    return add(Op.IPOW_CALL, new int[] {arg}, n, 0.0, null);
  }

  int eval(PrimCall call, int[] args) {
    return add(Op.EVAL, args, 0, 0.0, call);
  }

  int matvec(MatVecStep step, int[] x) {
    return add(Op.MATVEC, x, 0, 0.0, step);
  }

  int element(int array, int i) {
    return add(Op.ELEMENT, new int[] {array}, i, 0.0, null);
  }

  /** A LOOP node: {@code code} over {@code args}; its results are CARRY and STACKED nodes. */
  int loop(LoopCode code, int[] args) {
    loops.add(code);
    return add(Op.LOOP, args, loops.size() - 1, 0.0, null);
  }

  int carry(int loop, int element) {
    return add(Op.CARRY, new int[] {loop}, element, 0.0, null);
  }

  int stacked(int loop, int output, Dims d) {
    int id = add(Op.STACKED, new int[] {loop}, output, 0.0, null);
    dims.put(id, d);
    return id;
  }

  int arrayInput(int column, Dims d) {
    int id = add(Op.ARRAY_INPUT, new int[0], column, 0.0, null);
    dims.put(id, d);
    return id;
  }

  int dynIndex(int array, int row, int element) {
    return add(Op.DYN_INDEX, new int[] {array, row}, element, 0.0, null);
  }

  private int add(Op op, int[] args, int param, double value, Object ref) {
    Key k =
        new Key(
            op,
            Arrays.stream(args).boxed().toList(),
            param,
            Double.doubleToRawLongBits(value),
            ref == null ? null : new Object());
    Integer hit = seen.get(k);
    if (hit != null) {
      return hit;
    }
    int r = -1;
    if (ref != null) {
      r = refs.size();
      refs.add(ref);
    }
    nodes.add(new Node(op, args, param, value, r));
    seen.put(k, nodes.size() - 1);
    return nodes.size() - 1;
  }

  /** Which nodes the outputs need, transitively. */
  boolean[] live() {
    return live(outputs);
  }

  /** Which nodes {@code roots} need, transitively. */
  boolean[] live(int[] roots) {
    boolean[] live = new boolean[nodes.size()];
    for (int o : roots) {
      live[o] = true;
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (live[i]) {
        for (int a : nodes.get(i).args()) {
          live[a] = true;
        }
      }
    }
    return live;
  }
}
