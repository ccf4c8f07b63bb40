/**
 * The primitives, each with all of its rules side by side: {@code shape}, {@code eval}, {@code
 * jvp}, and {@code transpose} for those linear in some input. {@link gradgrid.ad.prim.Primitive} is
 * sealed; {@link gradgrid.ad.prim.Primitives#ALL} lists one of each for the tests that must cover
 * every one, and a test checks the two lists agree.
 *
 * <p>Structural and arithmetic primitives are one record each. The elementwise functions are two
 * rule tables in the style of Autodidax: {@link gradgrid.ad.prim.UnaryFn} and {@link
 * gradgrid.ad.prim.BinaryFn}, one line per function giving the static method that evaluates it and
 * its derivative in traced operations; {@link gradgrid.ad.prim.Unary} and {@link
 * gradgrid.ad.prim.Binary} are the primitives over them. The interpreter binds each method once as
 * a lambda and generated kernels call it by name, so the two agree bit for bit. Functions that
 * {@link java.lang.Math} lacks live in {@link gradgrid.ad.prim.MoreMath} and {@link
 * gradgrid.ad.prim.Erf}, tested against correctly rounded values.
 *
 * <p>The set is kept small: subtraction is add of neg, division is mul of recip, tan is sin over
 * cos, clip is min of max, and the tracing API ({@link gradgrid.ad.trace.Val}) builds the rest.
 *
 * <p>{@link gradgrid.ad.prim.CustomJvp} (from {@code AD.customJvp}) holds two graphs, a body that
 * gives the value and a user's tangent rule that every transform differentiates instead.
 *
 * <p>Conventions: {@link gradgrid.ad.prim.IntPow} differentiates exactly at 0 to every order;
 * {@link gradgrid.ad.prim.Select}'s derivative follows the chosen branch; comparisons, floor, ceil,
 * round, sign and stop_gradient have zero derivative (a symbolic zero, so no tangent work at all);
 * {@link gradgrid.ad.prim.Sum} and {@link gradgrid.ad.prim.Dot} accumulate left to right from the
 * first term, which compiled kernels reproduce exactly.
 */
package gradgrid.ad.prim;
