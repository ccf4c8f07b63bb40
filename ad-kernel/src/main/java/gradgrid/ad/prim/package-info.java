/**
 * The primitives, one record each with all of its rules side by side: {@code shape}, {@code eval},
 * {@code jvp}, and {@code transpose} for those linear in some input. The set is kept small:
 * subtraction is add of neg, division is mul of recip, tan is sin over cos, and the tracing API
 * ({@link gradgrid.ad.trace.Val}) builds the rest. {@link gradgrid.ad.prim.Primitives#ALL} lists
 * them for the tests that must cover every one.
 *
 * <p>Conventions: {@link gradgrid.ad.prim.IntPow} differentiates exactly at 0 to every order;
 * {@link gradgrid.ad.prim.Select}'s derivative follows the chosen branch; comparisons have zero
 * derivative; {@link gradgrid.ad.prim.Sum} and {@link gradgrid.ad.prim.Dot} accumulate left to
 * right from the first term, which compiled kernels reproduce exactly.
 */
package gradgrid.ad.prim;
