package gradgrid.ad.prim;

import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Lit;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * What a primitive may emit when the kernel compiler scalarises it ({@link Primitive#lower}): every
 * element of every value is a scalar node, named by an {@code int}. Implemented by the compiler,
 * which numbers values so a node asked for twice is made once; the operations are exactly the
 * interpreter's (no reassociation, no FMA), so kernels match it bit for bit.
 */
public interface ScalarEmitter {
  /** The node {@code a + b}. */
  int add(int a, int b);

  /** The node {@code a * b}. */
  int mul(int a, int b);

  /** The node {@code -a}. */
  int neg(int a);

  /** The node {@code 1.0 / a}. */
  int recip(int a);

  /** A node holding the constant {@code c}. */
  int constant(double c);

  /** The node {@code f(a)}: a call to the table line's static method. */
  int call(UnaryFn f, int a);

  /** The node {@code f(a, b)}: a call to the table line's static method. */
  int call(BinaryFn f, int a, int b);

  /** The node {@code a op b ? 1.0 : 0.0}. */
  int compare(Compare.Op op, int a, int b);

  /** The node {@code p != 0.0 ? a : b}. */
  int select(int p, int a, int b);

  /** The node {@code IntPow.pow(a, n)}, called rather than unrolled. */
  int intPowCall(int a, int n);

  /**
   * The elements of {@code w x} for a constant matrix {@code w}, batched over a tile of rows (fused
   * loops or native dgemm); null when {@code w} is too small for batching to pay.
   */
  int[] batchedMatVec(Lit w, int[] x);

  /**
   * The elements of {@code e}'s output computed per row by the primitive's own {@code eval} rule:
   * the lowering of a primitive that has no scalar form.
   */
  int[] evaluate(Eqn e, int[][] in);

  /** {@code f} of each element. */
  default int[] map(int[] a, IntUnaryOperator f) {
    return Arrays.stream(a).map(f).toArray();
  }

  /** {@code f} of each pair of elements. */
  default int[] zip(int[] a, int[] b, IntBinaryOperator f) {
    int[] r = new int[a.length];
    for (int k = 0; k < r.length; k++) {
      r[k] = f.applyAsInt(a[k], b[k]);
    }
    return r;
  }

  /** The sum left to right from the first term, as {@link Sum} and {@link Dot} evaluate. */
  default int sum(int[] a) {
    int s = a[0];
    for (int k = 1; k < a.length; k++) {
      s = add(s, a[k]);
    }
    return s;
  }
}
