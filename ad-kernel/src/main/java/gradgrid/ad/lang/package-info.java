/**
 * A small text language for functions, so a sweep configuration can define any function without
 * recompiling: {@link gradgrid.ad.lang.Lang#parse Lang.parse(name, text, params)} returns an {@link
 * gradgrid.ad.Fn} that every transform in {@link gradgrid.ad.AD} accepts.
 *
 * <h2>The language</h2>
 *
 * <pre>
 * # the worked example, over inputs x:f64, alpha:f64[6], beta:f64[6]
 * let p = poly(alpha, x);
 * let q = poly(beta, x);
 * p / (1 + q^2)
 * </pre>
 *
 * <p>A definition is zero or more {@code let name = expr;} bindings followed by one result
 * expression, which must be a scalar. Newlines are plain whitespace and {@code #} starts a comment
 * to the end of the line. Operators, loosest first: comparisons ({@code < <= > >= == !=}, only as
 * the condition of {@code where}); {@code + -}; {@code * /}; unary minus; {@code ^}, which is
 * right-associative and binds tighter than unary minus ({@code -x^2 = -(x^2)}, {@code 2^3^2 =
 * 2^9}); then indexing {@code alpha[3]} (from 0). A constant exponent with an integer value ({@code
 * x^2}, {@code x^-1}, {@code x^2.0}) is the exact integer power, whose derivatives are exact at 0;
 * any other exponent is the real power. The constant {@code pi} is predefined unless an input has
 * that name.
 *
 * <p>Values are float64 scalars or the fixed-length vectors declared by the parameters. Arithmetic
 * and the elementwise functions work on both; a scalar next to a vector is broadcast, two vectors
 * must have one length. The functions and their derivative conventions (abs at 0, max/min at ties,
 * sqrt at 0, where) are listed in {@code README.md}, "The function language"; in short, they are
 * JAX's.
 *
 * <h2>Loops, vectors and functions</h2>
 *
 * <pre>
 * let rhs = (v) -&gt; r * v * (1 - v);
 * fori(0, 1000, y0, (i, y) -&gt; y + 0.001 * rhs(y))
 * </pre>
 *
 * <p>{@code fori(lower, upper, init, (i, s) -> next)} is {@link gradgrid.ad.trace.Loops#fori}: the
 * body is traced once into one loop equation, whatever the trip count, and every transform and the
 * compiler keep it a loop. Its bounds are constant integers; its body takes the index and the carry
 * and returns a carry of the initial value's shape. {@code [a, b]} stacks scalars into a vector,
 * which a carry may be. {@code let f = (u, v) -> lets; expr;} defines a function, inlined at each
 * call in the {@link gradgrid.ad.lang.Scope} it was defined in: it sees what came before it, never
 * itself, and no name may shadow another. Inlining is bounded in depth ({@link
 * gradgrid.ad.lang.Lowering#MAX_INLINED_DEPTH}) and in size ({@link
 * gradgrid.ad.lang.Lowering#MAX_NODES}).
 *
 * <h2>Pipeline</h2>
 *
 * {@link gradgrid.ad.lang.Lexer} (text to tokens) -> {@link gradgrid.ad.lang.Parser} (tokens to a
 * {@link gradgrid.ad.lang.Node} tree; nesting is bounded by {@link
 * gradgrid.ad.lang.Parser#MAX_DEPTH}, so no input overflows the stack) -> {@link
 * gradgrid.ad.lang.Lowering} (names, argument counts and shapes checked at each node, then traced
 * with {@link gradgrid.ad.trace.Val}, using the table in {@link gradgrid.ad.lang.Builtins}, names
 * resolved through {@link gradgrid.ad.lang.Scope}). Every mistake is a {@link
 * gradgrid.ad.lang.LangException} with line, column and a caret, raised before anything runs.
 *
 * <h2>Safety</h2>
 *
 * The text is data. It only ever becomes graph equations: names are resolved to graph inputs,
 * numbers become double literals, and nothing of the text is kept in the graph. Code generated from
 * the graph therefore never contains any of the user's text.
 */
package gradgrid.ad.lang;
