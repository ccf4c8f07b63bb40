/**
 * The tracing API: {@link gradgrid.ad.trace.Val} is what a traced Java function computes with, so
 * the worked example reads like the original ({@code acc = acc.add(alpha.get(i).mul(x.pow(i)))} or
 * {@code Val.poly(alpha, x)}). Primitive rules are written with the same API.
 */
package gradgrid.ad.trace;
