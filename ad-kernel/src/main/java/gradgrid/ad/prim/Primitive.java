package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.io.Serializable;
import java.util.function.IntFunction;

/**
 * A primitive operation with all of its rules side by side: shape, evaluation, forward derivative
 * (jvp) and, for the primitives that are linear in some inputs, the transpose. Parameters (an
 * exponent, an index) are fields of the implementing record, so equal primitives are equal values.
 * The interface is sealed: every primitive is listed here and in {@link Primitives#ALL}, which the
 * generic rule and kernel tests run over (a test checks that the two lists agree).
 */
public sealed interface Primitive extends Serializable
    permits Add,
        Neg,
        Mul,
        Recip,
        IntPow,
        Unary,
        Binary,
        Compare,
        Select,
        Index,
        Stack,
        Broadcast,
        Sum,
        Dot,
        Max,
        MatVec,
        MatT,
        Outer,
        Eigvalsh,
        CustomJvp,
        Loop,
        DynIndex,
        DynPlace {
  /** The printed name, parameters included ({@code ipow[3]}, {@code index[2]}). */
  String name();

  /** The output shape for these input shapes; throws {@link AdException} when they do not fit. */
  Shape shape(Shape... in);

  /** Evaluates on flat row-major values; the reference semantics every compiled kernel matches. */
  double[] eval(Shape[] shapes, double[][] in);

  /**
   * The tangent of the output given primal inputs {@code x}, their tangents {@code t} (null is a
   * symbolic zero) and the primal output {@code y}; returns null for a zero tangent. The result
   * must be linear in the tangents. Never called when every input tangent is zero ({@link
   * gradgrid.ad.transform.Jvp} skips the rule), so a one-input rule may assume {@code t[0] !=
   * null}.
   */
  Val jvp(Val[] x, Val[] t, Val y);

  /**
   * For a primitive linear in the inputs flagged {@code linear}: the cotangents of those inputs
   * given the output cotangent {@code ct}; returns one entry per input, null for zero and for the
   * non-linear inputs. {@code x} holds the values of the non-linear inputs (null for the linear
   * ones) and {@code shapes} the shapes of all inputs.
   */
  default Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    throw new AdException(name() + " is not linear in its inputs and has no transpose rule");
  }

  /**
   * An exact algebraic shortcut ({@code x*1 -> x}, {@code -(-x) -> x}, index of a stack), or null.
   * Never a rewrite that changes any bit of any result.
   */
  default Atom simplify(GraphBuilder b, Atom[] in) {
    return null;
  }

  /**
   * The Taylor rule: given the series of the inputs {@code x} and of the output {@code y} (whose
   * coefficient 0 is the primal value), the function giving coefficient {@code m >= 1} of {@code y}
   * (null for zero) from coefficients up to {@code m} of the inputs and below {@code m} of {@code
   * y}. Called once per equation, then asked for m = 1, 2, ... in order.
   */
  default IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    throw new AdException(name() + " has no Taylor rule");
  }

  /**
   * Lowers equation {@code e} of this primitive for a compiled kernel: {@code in[i]} holds the
   * scalar node of each element of input i (row-major); returns the nodes of the output's elements.
   * The default evaluates the primitive per row through its own {@link #eval} rule, so every
   * primitive compiles, bit-identical to the interpreter.
   */
  default int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return s.evaluate(e, in);
  }

  /** True when swapping the two inputs cannot change the result (used to canonicalise CSE). */
  default boolean commutative() {
    return false;
  }
}
