package gradgrid.ad.lang;

import java.util.List;

/**
 * The syntax tree. Every node keeps the source offset its errors point at. Runs of {@code + -} and
 * of {@code * /} are one {@link Chain} node each, so a long sum is a flat list, not a deep tree:
 * only real nesting (parentheses, calls, powers, unary minus, indexing) adds depth, and the parser
 * bounds that.
 */
sealed interface Node {
  /** The offset errors about this node point at. */
  int pos();

  /** A number literal. */
  record Num(int pos, double value) implements Node {}

  /** A reference to an input, a {@code let} binding or a constant. */
  record Name(int pos, String name) implements Node {}

  /** Unary minus; {@code pos} is the {@code -}. */
  record Neg(int pos, Node operand) implements Node {}

  /**
   * A left-associative run {@code first op1 rest1 op2 rest2 ...} of one precedence level; {@code
   * ops.get(k)} is the operator token before {@code rest.get(k)}.
   */
  record Chain(int pos, Node first, List<Token> ops, List<Node> rest) implements Node {}

  /** {@code base ^ exponent}; {@code pos} is the {@code ^}. */
  record Power(int pos, Node base, Node exponent) implements Node {}

  /** A comparison, allowed only as the condition of {@code where}; {@code pos} is the operator. */
  record Compare(int pos, Token.Kind op, Node left, Node right) implements Node {}

  /** A function call; {@code pos} is the function name. */
  record Call(int pos, String name, List<Node> args) implements Node {}

  /** {@code base[index]}; {@code pos} is the index expression. */
  record Index(int pos, Node base, Node index) implements Node {}

  /** {@code [e0, e1, ...]}: a vector of scalars; {@code pos} is the {@code [}. */
  record Vector(int pos, List<Node> elements) implements Node {}

  /**
   * {@code (p0, p1) -> let ...; body}: a function, allowed only as the value of a {@code let} and
   * as the body of {@code fori}; it is inlined at each call. {@code pos} is where it starts.
   */
  record Lambda(int pos, List<Name> params, List<Let> lets, Node body) implements Node {}

  /** {@code let name = value;}; {@code pos} is the name. */
  record Let(int pos, String name, Node value) implements Node {}

  /** A whole definition: bindings in order, then the result expression. */
  record Program(int pos, List<Let> lets, Node result) implements Node {}
}
