package gradgrid.ad;

import gradgrid.ad.transform.Transforms;

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
   * The Hessian of a scalar function, forward-over-reverse ({@code jacfwd(grad(f))}): for argnums
   * (i, j, ...) the blocks {@code d2f/da_i da_j} in row-major block order, including the mixed ones
   * such as {@code d2f/(dalpha dbeta)}.
   */
  public static Fn hessian(Fn f, int... argnums) {
    return f.sameMode(Transforms.hessian(f, argnums));
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

  /** Re-runs constant folding, CSE and dead-code elimination over the graph. */
  public static Fn simplify(Fn f) {
    return f.sameMode(Transforms.simplify(f));
  }
}
