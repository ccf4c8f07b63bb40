package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Interpreter;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.ir.Var;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Output {@code output} of a function with a user-supplied tangent rule (JAX's {@code custom_jvp},
 * made by {@link gradgrid.ad.AD#customJvp}). {@code body} computes the value: evaluation and
 * lowering run it unchanged, so the value is the body's bit for bit. {@code rule} maps the n
 * primals followed by one tangent per primal to the tangent of each output; the jvp rule inlines
 * it, so derivatives of every order differentiate the rule, never the body. Reverse mode transposes
 * the rule's tangent part, which must be linear in the tangents ({@link
 * gradgrid.ad.transform.Transpose} checks before it starts). Graphs compare by identity: two
 * equations share a value only when they come from the same {@code customJvp} call. The interpreter
 * runs the whole body for each output's equation; a kernel lowers it once per output too, and its
 * value numbering shares every node between them.
 *
 * @param function the name of the function, for printing and error messages
 * @param body the graph computing the value, n inputs and m outputs
 * @param rule the graph of the tangent rule, 2n inputs (primals, then tangents) and m outputs
 * @param output which of the m outputs this equation gives
 */
public record CustomJvp(String function, Graph body, Graph rule, int output) implements Primitive {
  /** Checks that the rule's inputs and outputs fit the body's and that {@code output} exists. */
  public CustomJvp {
    int n = body.inputs().size();
    int m = body.outputs().size();
    if (rule.inputs().size() != 2 * n || rule.outputs().size() != m || output < 0 || output >= m) {
      throw new AdException(
          "custom_jvp[" + function + "]: the rule graph does not fit the body graph");
    }
  }

  @Override
  public String name() {
    return "custom_jvp[" + function + (body.outputs().size() > 1 ? "#" + output : "") + "]";
  }

  @Override
  public Shape shape(Shape... in) {
    if (!List.of(in).equals(body.inputShapes())) {
      throw new AdException(
          name() + " takes " + body.inputShapes() + ", got " + Arrays.toString(in));
    }
    return body.outputShapes().get(output);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Interpreter.eval(body, in)[output];
  }

  /** The rule's tangent, with zero literals for the symbolic zero tangents. */
  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    int n = x.length;
    Atom[] args = new Atom[2 * n];
    for (int i = 0; i < n; i++) {
      args[i] = x[i].atom();
      args[n + i] = t[i] != null ? t[i].atom() : Lit.filled(x[i].shape(), 0.0);
    }
    return new Val(y.builder(), y.builder().inline(rule, args)[output]);
  }

  /** The body lowered in place, equation by equation, so the kernel fuses it with its callers. */
  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    Map<Var, int[]> env = new HashMap<>();
    for (int i = 0; i < in.length; i++) {
      env.put(body.inputs().get(i), in[i]);
    }
    for (Eqn be : body.eqns()) {
      int[][] args = be.inputs().stream().map(a -> ids(s, env, a)).toArray(int[][]::new);
      env.put(be.out(), be.prim().lower(s, be, args));
    }
    return ids(s, env, body.outputs().get(output));
  }

  private static int[] ids(ScalarEmitter s, Map<Var, int[]> env, Atom a) {
    if (a instanceof Lit l) {
      int[] r = new int[l.shape().size()];
      for (int k = 0; k < r.length; k++) {
        r[k] = s.constant(l.get(k));
      }
      return r;
    }
    return env.get((Var) a);
  }

  /**
   * Along {@code s}, {@code y'(s) = rule(x(s), x'(s))}: the series of the rule at the inputs'
   * series and their derivatives' series ({@code [x']_k = (k+1) x_(k+1)}) gives {@code y_m =
   * [y']_(m-1) / m}, to every order the rule's own primitives reach.
   */
  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    int n = x.length;
    Series[] in = new Series[2 * n];
    for (int i = 0; i < n; i++) {
      Series xi = x[i];
      in[i] = xi;
      in[n + i] =
          k -> {
            Val next = xi.coeff(k + 1);
            if (next == null) {
              return k == 0 ? xi.coeff(0).zeros() : null;
            }
            return k == 0 ? next : next.mul(k + 1.0);
          };
    }
    Series d =
        c.of(v -> new Val(v[0].builder(), v[0].builder().inline(rule, atoms(v))[output]), in);
    return m -> {
      Val dm;
      try {
        dm = d.coeff(m - 1);
      } catch (AdException e) {
        throw new AdException(
            name()
                + ": Taylor mode to order "
                + m
                + " goes through the rule's derivatives, and "
                + e.getMessage(),
            e);
      }
      return dm == null || m == 1 ? dm : dm.mul(1.0 / m);
    };
  }

  private static Atom[] atoms(Val[] v) {
    Atom[] a = new Atom[v.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = v[i].atom();
    }
    return a;
  }
}
