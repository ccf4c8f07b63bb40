package gradgrid.ad;

import gradgrid.ad.transform.Transforms;
import java.util.Map;

/**
 * The JAX-style transforms on traced functions. Each takes an {@link Fn} and returns an {@link Fn},
 * so they compose to any depth: {@code grad(grad(f))}, {@code hessian(f, 1, 2)}, {@code
 * jacfwd(grad(f))}. Argument numbers count from 0 as in JAX; none given means argument 0.
 */
public final class AD {
  private AD() {}

  /**
   * The gradient of a scalar-valued function w.r.t. the arguments {@code argnums}: one output per
   * argument, of that argument's shape (JAX's {@code grad}).
   */
  public static Fn grad(Fn f, int... argnums) {
    return f.sameMode(Transforms.grad(f, argnums, false));
  }

  /** The value followed by the gradients (JAX's {@code value_and_grad}). */
  public static Fn valueAndGrad(Fn f, int... argnums) {
    return f.sameMode(Transforms.grad(f, argnums, true));
  }

  /**
   * Forward mode: a function of (primals..., tangents of {@code argnums}...) returning (outputs...,
   * output tangents...). JAX's {@code jvp} with the tangents as extra arguments.
   */
  public static Fn jvp(Fn f, int... argnums) {
    return f.sameMode(Transforms.jvp(f, argnums));
  }

  /**
   * Reverse mode: a function of (primals..., one cotangent per output...) returning the cotangents
   * of the arguments {@code argnums} (JAX's {@code vjp}, with the pullback applied).
   */
  public static Fn vjp(Fn f, int... argnums) {
    return f.sameMode(Transforms.vjp(f, argnums));
  }

  /**
   * The Jacobian by forward mode, one jvp per input element: for each output and each argument in
   * {@code argnums}, a block of shape {@code out.shape ++ arg.shape}.
   */
  public static Fn jacfwd(Fn f, int... argnums) {
    return f.sameMode(Transforms.jacfwd(f, argnums));
  }

  /** The Jacobian by reverse mode, one vjp per output element; same layout as {@link #jacfwd}. */
  public static Fn jacrev(Fn f, int... argnums) {
    return f.sameMode(Transforms.jacrev(f, argnums));
  }

  /**
   * The {@code order}-th derivative of a scalar function w.r.t. its scalar argument {@code argnum},
   * by forward mode ({@code jacfwd} applied {@code order} times). For one scalar input forward mode
   * is the cheaper direction: on the worked example f, f', f'' together take 87 equations this way
   * against 119 by {@code grad(grad(f))}. Outputs are named {@code df/dx}, {@code d2f/dx2}, ...
   */
  public static Fn derivative(Fn f, int argnum, int order) {
    return f.sameMode(Transforms.derivative(f, argnum, order));
  }

  /**
   * f and its first {@code order} derivatives w.r.t. the scalar argument {@code argnum}, all in one
   * function and one Taylor-mode pass (JAX's {@code jet}): outputs {@code f, df/dx, ..., d^k
   * f/dx^k}, O(k^2) work per product where nesting {@link #derivative} costs a trace per order.
   * Exact at 0 for integer powers, to every order; jitted like every other function.
   */
  public static Fn taylor(Fn f, int argnum, int order) {
    return f.sameMode(Transforms.taylor(f, argnum, order));
  }

  /**
   * The directional form of {@link #taylor}: the derivatives of {@code s -> f(x + s t)} at {@code s
   * = 0} to {@code order}, the arguments {@code argnums} (default 0) moving along directions that
   * become extra parameters {@code t_<name>}, as in {@link #jvp}.
   */
  public static Fn taylorAlong(Fn f, int order, int... argnums) {
    return f.sameMode(Transforms.taylorAlong(f, order, argnums));
  }

  /**
   * The Hessian of a scalar function, forward-over-reverse ({@code jacfwd(grad(f))}): for argnums
   * (i, j, ...) the blocks {@code d2f/da_i da_j} in row-major block order, including the mixed ones
   * such as {@code d2f/(dalpha dbeta)}.
   */
  public static Fn hessian(Fn f, int... argnums) {
    return f.sameMode(Transforms.hessian(f, argnums));
  }

  /**
   * {@code f} with a tangent rule of its own (JAX's {@code custom_jvp}): the same parameters,
   * outputs and values (bit for bit, interpreted or jitted), but every transform differentiates it
   * through {@code rule} instead of through {@code f}'s graph. {@code rule} takes f's parameters
   * followed by one tangent of each (same shapes) and returns the tangent of each of f's outputs;
   * it must be linear in the tangents. Use it for a numerically stable derivative ({@code
   * log1p(exp(x))} with rule {@code sigmoid(x) t}, finite where the traced derivative overflows to
   * NaN) or to state a known derivative.
   *
   * <p>{@link #jvp} and {@link #jacfwd} inline the rule; {@link #grad}, {@link #vjp} and {@link
   * #jacrev} transpose its tangent part; higher orders ({@link #hessian}, {@code grad(grad(f))})
   * differentiate the rule itself, so it may itself be a {@code customJvp} function; {@link
   * #taylor} follows {@code y'(s) = rule(x(s), x'(s))} to any order the rule's own operations
   * support, with an error naming the function beyond it.
   *
   * @param f the function
   * @param rule its tangent rule, of {@code (params of f..., one tangent per param...)}
   * @return f, differentiated through {@code rule}; jitted when {@code f} is
   * @throws gradgrid.ad.ir.AdException if the rule's parameters or outputs do not fit f's; under
   *     reverse mode, if the rule is not linear in the tangents
   */
  public static Fn customJvp(Fn f, Fn rule) {
    return f.sameMode(Transforms.customJvp(f, rule));
  }

  /**
   * {@code f} compiled: the same function, evaluated through one fused batch kernel (generated Java
   * compiled with Janino, cached by the graph's canonical hash). Composes both ways: {@code
   * grad(jit(f))} is a jitted gradient, {@code jit(grad(f))} too. See {@link
   * gradgrid.ad.compile.Jit} for the batch API.
   */
  public static Fn jit(Fn f) {
    return f.jit();
  }

  /**
   * {@code f} with parameter {@code param} fixed to {@code value} (row-major): a function of the
   * remaining parameters, in order, whose graph holds the value as a literal. Everything that
   * depends on fixed values alone is folded here (exactly, as IEEE arithmetic gives it), so a
   * kernel compiled from the result computes it once, not per row: an x-sweep of the worked example
   * with fixed coefficients reads one column, not thirteen. A jitted {@code f} gives a jitted
   * result. Transforms of the result are transforms of {@code f} restricted to the other
   * parameters.
   *
   * @param f the function
   * @param param the parameter to fix
   * @param value its value, {@code param}'s size many numbers
   * @return the function without {@code param}
   * @throws gradgrid.ad.ir.AdException if {@code f} has no such parameter or the length is wrong
   */
  public static Fn fix(Fn f, String param, double... value) {
    return fix(f, param, value, Map.of());
  }

  /**
   * {@code f} with parameter {@code param} fixed to {@code value} except at some elements, which
   * stay free: each element {@code e} that {@code free} maps to a name becomes a scalar parameter
   * of that name. The free elements' parameters take {@code param}'s place among the parameters, in
   * ascending element order (none when {@code free} is empty: the whole parameter is fixed, as
   * {@link #fix(Fn, String, double...)}); the entries of {@code value} at free elements are not
   * read. For {@code f(x, alpha[6], beta[6])}, fixing {@code beta} with {@code free = {1: "b1", 4:
   * "b4"}} gives {@code g(x, alpha, b1, b4) = f(x, alpha, [v0, b1, v2, v3, b4, v5])}. The result is
   * simplified as by {@link #fix(Fn, String, double...)} and jitted when {@code f} is.
   *
   * @param f the function
   * @param param the parameter to fix, a scalar or a vector
   * @param value its value, {@code param}'s size many numbers
   * @param free the elements that stay free, each with the name of its new scalar parameter
   * @return the function of the other parameters and the free elements
   * @throws gradgrid.ad.ir.AdException if {@code f} has no such parameter, the length is wrong, an
   *     element is out of range or a name is already a parameter of the result
   */
  public static Fn fix(Fn f, String param, double[] value, Map<Integer, String> free) {
    return f.sameMode(Transforms.fix(f, param, value, free));
  }

  /**
   * {@code f} with several parameters, or single elements of vectors, fixed in one call: each key
   * is a parameter name (its value {@code param}'s size many numbers) or one element {@code
   * "beta[1]"} (one number). A vector fixed only at some elements keeps the others as scalar
   * parameters named {@code beta_0}, {@code beta_2}, ... in its place, as a sweep names its element
   * axes. The same as fixing one parameter after another with {@link #fix(Fn, String, double[],
   * Map)}, in {@code f}'s parameter order, so the result is simplified, folded and jitted when
   * {@code f} is. For {@code f(x, alpha[6], beta[6])}, {@code fix(f, Map.of("alpha", a, "beta[1]",
   * new double[] {0.3}))} is a function of {@code (x, beta_0, beta_2, ..., beta_5)}.
   *
   * @param f the function
   * @param values the values by parameter name or {@code name[i]}
   * @return the function of what stays free
   * @throws gradgrid.ad.ir.AdException if a key is not a parameter or an element of one, a length
   *     is wrong, or a parameter is fixed both whole and by element
   */
  public static Fn fix(Fn f, Map<String, double[]> values) {
    return f.sameMode(Transforms.fix(f, values));
  }

  /** Re-runs constant folding, CSE and dead-code elimination over the graph. */
  public static Fn simplify(Fn f) {
    return f.sameMode(Transforms.simplify(f));
  }
}
