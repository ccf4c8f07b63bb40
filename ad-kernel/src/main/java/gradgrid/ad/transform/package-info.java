/**
 * The transforms behind {@link gradgrid.ad.AD}. {@link gradgrid.ad.transform.Jvp} pushes symbolic
 * tangents forward (null is an exact zero, so a rule runs only where some input tangent is
 * non-zero). {@link gradgrid.ad.transform.Transpose} is reverse mode as JAX derives it: linearize
 * with jvp, then transpose the linear equations in reverse with each primitive's transpose rule.
 * jacfwd pushes one basis tangent per input element, jacrev pulls one basis cotangent per output
 * element, and the Hessian is jacfwd of grad (forward over reverse). A {@code customJvp} rule is
 * inlined by jvp like any rule; reverse mode first transposes each such rule on its own, to refuse
 * one that is not linear in its tangents with the function's name. {@link
 * gradgrid.ad.transform.Taylor} pushes truncated Taylor series order by order with each primitive's
 * Taylor rule, so {@code AD.taylor} gives f..f^(k) in one pass. Every result is a new {@link
 * gradgrid.ad.Fn}, so everything composes.
 *
 * <p>In tangent and cotangent space an all-zero literal is a symbolic zero: the one-hot basis of
 * jacfwd and the zero slots of an index's transpose are never multiplied or added. Mathematically
 * those terms are exactly zero, so this removes work without changing any finite result.
 */
package gradgrid.ad.transform;
