package gradgrid.ad.compile;

import java.util.Map;

/**
 * A compiled, fused batch kernel for one graph: the batch loop is inside, shared subexpressions are
 * computed once per row, and results equal the interpreter's (bit for bit, except where a batched
 * contraction uses native dgemm, which rounds differently).
 *
 * <p>The ABI is flat {@code double[]} columns: one input column per scalar element of each graph
 * input, in input order, row-major within a vector or matrix ({@link #inputWidth()} columns); then
 * one output column per scalar element of each output the same way ({@link #outputWidth()}). Row
 * {@code r} of the batch is element {@code r} of every column. Kernels are immutable and safe to
 * share between threads.
 */
public interface Kernel {
  /** Number of input columns: the total element count of the graph's inputs. */
  int inputWidth();

  /** Number of output columns: the total element count of the graph's outputs. */
  int outputWidth();

  /**
   * Computes rows {@code from} (inclusive) to {@code to} (exclusive): reads {@code in[c][r]} and
   * writes {@code out[c][r]} for every column {@code c} and row {@code r} in that range. Throws
   * {@link IllegalArgumentException} naming the column when an array is missing or too short.
   */
  void run(double[][] in, double[][] out, int from, int to);

  /**
   * Computes {@code rows} rows reading input columns from row {@code inOffset} and writing output
   * columns from row {@code outOffset}, so a caller can keep inputs and outputs in differently
   * aligned buffers.
   */
  void run(double[][] in, int inOffset, double[][] out, int outOffset, int rows);

  /**
   * Evaluates one point: one flat row-major array per graph input, returning one flat array per
   * output (the same contract as the interpreter's {@code eval}).
   */
  double[][] call(double[]... args);

  /** The canonical hash of the graph this kernel computes (its compile-cache key). */
  String key();

  /** The generated Java source, for debugging. */
  String source();

  /** Bytecode size of each generated method, by name; all below the JVM's 8,000-byte limit. */
  Map<String, Integer> methodSizes();
}
