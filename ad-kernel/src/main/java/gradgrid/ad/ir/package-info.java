/**
 * The intermediate representation: a small typed single-assignment graph of float64 scalars,
 * vectors and matrices ({@link gradgrid.ad.ir.Graph}), like a jaxpr. {@link
 * gradgrid.ad.ir.GraphBuilder} is the only way graphs are made; it shape-checks each equation and
 * applies the clean-up that keeps IEEE semantics bit for bit: constant folding (evaluating the
 * primitive itself), exact identities ({@code x*1}, {@code -(-x)}, index of a stack), common
 * subexpressions, and dead-code elimination at build. {@code x*0} is never folded, since x may be
 * NaN or infinite. {@link gradgrid.ad.ir.Interpreter} is the reference executor and {@link
 * gradgrid.ad.ir.GraphPrinter} the listing used in every error message.
 */
package gradgrid.ad.ir;
