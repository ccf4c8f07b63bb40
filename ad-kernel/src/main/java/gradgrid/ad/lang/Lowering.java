package gradgrid.ad.lang;

import gradgrid.ad.Param;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.lang.Builtins.Builtin;
import gradgrid.ad.trace.Loops;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a syntax tree into traced values, checking names, argument counts and shapes at every node
 * first, so every mistake is reported at its spot as a {@link LangException} and the tracing API
 * never sees an ill-shaped operation. Functions ({@code let f = (s) -> ...;}) are inlined at each
 * call, in the {@link Scope} they were defined in; {@code fori} traces its body once into a {@link
 * Loops#fori loop}. Recursion follows the tree, whose depth the parser bounds; inlining is bounded
 * too, in depth and in the number of nodes lowered, so no definition can exhaust the stack or
 * expand without end.
 */
final class Lowering {
  /**
   * Named constants; an input or binding of the same name is not allowed to be shadowed by them.
   */
  static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI);

  /** The loop form; like a built-in function, its name cannot be redefined. */
  static final String FORI = "fori";

  /**
   * The deepest lowering recursion, functions inlined, that is accepted: twice what the parser
   * allows in one expression, so only inlining reaches it.
   */
  static final int MAX_INLINED_DEPTH = 2 * Parser.MAX_DEPTH;

  /** The most nodes one definition may lower, counting each inlined call of a function anew. */
  static final int MAX_NODES = 4_000_000;

  private static final String FORI_SIGNATURE = "fori(lower, upper, init, (i, s) -> next)";

  private final String function;
  private final Source src;
  private final GraphBuilder builder;
  private final List<Param> params;
  private Scope scope;
  private int depth;
  private int nodes;

  Lowering(
      String function,
      Source src,
      GraphBuilder builder,
      List<Param> params,
      Val[] args,
      List<Node.Let> lets) {
    this.function = function;
    this.src = src;
    this.builder = builder;
    this.params = params;
    this.scope = Scope.root(lets);
    for (int i = 0; i < params.size(); i++) {
      scope = scope.define(params.get(i).name(), 0, "an input", new Scope.Value(args[i]));
    }
  }

  /** Lowers the bindings in order, then the result, which must be a scalar. */
  Val program(Node.Program prog) {
    for (Node.Let let : prog.lets()) {
      define(let);
    }
    Val result = lower(prog.result());
    if (!result.shape().isScalar()) {
      throw error(
          prog.pos(),
          "the result must be a scalar, got "
              + describe(result.shape())
              + "; reduce it with sum(...), dot(...) or an index [i]");
    }
    return result;
  }

  /** Adds the binding {@code let} to the current scope: a value, or a function kept unlowered. */
  private void define(Node.Let let) {
    String n = let.name();
    requireNewName(let.pos(), n);
    Scope.Binding b =
        let.value() instanceof Node.Lambda lambda
            ? new Scope.Function(lambda, scope)
            : new Scope.Value(lower(let.value()));
    scope = scope.define(n, let.pos(), "a binding", b);
  }

  /** Checks that {@code n} names nothing visible here, so no name ever shadows another. */
  private void requireNewName(int at, String n) {
    Scope.Entry e = scope.lookup(n);
    if (e != null && e.kind().equals("an input")) {
      throw error(at, Source.quote(n) + " is an input and cannot be redefined");
    }
    if (e != null) {
      throw error(at, Source.quote(n) + " is already defined at " + where(e.pos()));
    }
    if (Builtins.ALL.containsKey(n) || CONSTANTS.containsKey(n) || n.equals(FORI)) {
      throw error(
          at, Source.quote(n) + " is the name of a built-in " + kind(n) + "; choose another name");
    }
  }

  private Val lower(Node n) {
    if (++nodes > MAX_NODES) {
      throw error(
          n.pos(),
          "the definition is too large once its functions are inlined: more than "
              + MAX_NODES
              + " operations");
    }
    if (++depth > MAX_INLINED_DEPTH) {
      throw error(
          n.pos(),
          "the definition nests too deeply once its functions are inlined: more than "
              + MAX_INLINED_DEPTH
              + " levels");
    }
    try {
      return lowerNode(n);
    } finally {
      depth--;
    }
  }

  private Val lowerNode(Node n) {
    if (n instanceof Node.Num num) {
      return constant(num.value());
    } else if (n instanceof Node.Name name) {
      return name(name);
    } else if (n instanceof Node.Neg neg) {
      return lower(neg.operand()).neg();
    } else if (n instanceof Node.Chain chain) {
      return chain(chain);
    } else if (n instanceof Node.Power pow) {
      return power(pow.pos(), lower(pow.base()), lower(pow.exponent()));
    } else if (n instanceof Node.Index idx) {
      return index(idx.pos(), lower(idx.base()), lower(idx.index()));
    } else if (n instanceof Node.Call call) {
      return call(call);
    } else if (n instanceof Node.Vector vec) {
      return vector(vec);
    } else if (n instanceof Node.Lambda lambda) {
      throw error(
          lambda.pos(),
          "a function has no value of its own: name it with 'let f = (s) -> ...;' and call it as"
              + " f(...), or give it to "
              + FORI_SIGNATURE);
    } else if (n instanceof Node.Compare cmp) {
      throw error(
          cmp.pos(),
          "a comparison has no value of its own; use it as the condition of where(cond, a, b)");
    }
    throw new IllegalStateException("unknown node " + n);
  }

  /** {@code [e0, e1, ...]}: the scalars stacked into a vector. */
  private Val vector(Node.Vector vec) {
    Val[] parts = new Val[vec.elements().size()];
    for (int k = 0; k < parts.length; k++) {
      Node e = vec.elements().get(k);
      parts[k] = lower(e);
      if (!parts[k].shape().isScalar()) {
        throw error(
            e.pos(),
            "the elements of a vector must be scalars, got "
                + describe(parts[k].shape())
                + "; take its elements with [i]");
      }
    }
    return Val.stack(parts);
  }

  private Val chain(Node.Chain chain) {
    Val acc = lower(chain.first());
    for (int k = 0; k < chain.ops().size(); k++) {
      Token op = chain.ops().get(k);
      Val v = lower(chain.rest().get(k));
      requireBroadcastable(op.start(), op.kind(), acc, v);
      switch (op.kind()) {
        case PLUS:
          acc = acc.add(v);
          break;
        case MINUS:
          acc = acc.sub(v);
          break;
        case STAR:
          acc = acc.mul(v);
          break;
        default:
          acc = quotient(acc, v);
          break;
      }
    }
    return acc;
  }

  /**
   * {@code a / b}: of two scalar constants, the correctly rounded quotient ({@code 1 / 10} is the
   * double nearest 0.1, as in Java), else the tracer's {@code a * (1 / b)}.
   */
  private Val quotient(Val a, Val b) {
    if (a.atom() instanceof Lit x
        && b.atom() instanceof Lit y
        && x.shape().isScalar()
        && y.shape().isScalar()) {
      return constant(x.get(0) / y.get(0));
    }
    return a.div(b);
  }

  /**
   * {@code base ^ exponent}: the exact integer power when the exponent is a constant with an
   * integer value in the 32-bit range ({@code 2}, {@code -3}, {@code 2.0}, {@code (1+1)}, {@code
   * -2147483648}), else the real power.
   */
  Val power(int at, Val base, Val exponent) {
    requireBroadcastable(at, Token.Kind.CARET, base, exponent);
    if (exponent.atom() instanceof Lit lit && lit.shape().isScalar()) {
      double e = lit.get(0);
      if (e == Math.rint(e) && e >= Integer.MIN_VALUE && e <= Integer.MAX_VALUE) {
        return base.pow((int) e);
      }
    }
    return base.pow(exponent);
  }

  /** Element {@code i} of {@code base}, where {@code i} must be a constant integer in range. */
  Val index(int at, Val base, Val i) {
    if (base.shape().isScalar()) {
      throw error(at, "cannot index a scalar; only vectors have elements");
    }
    if (!(i.atom() instanceof Lit lit) || !lit.shape().isScalar()) {
      throw error(at, "an index must be a constant integer, not a value computed from the inputs");
    }
    double v = lit.get(0);
    int n = base.shape().dim(0);
    if (v != Math.rint(v)) {
      throw error(at, "an index must be a constant integer, got " + v);
    }
    if (v < 0 || v >= n) {
      throw error(
          at,
          "index "
              + (long) v
              + " is out of range for "
              + describe(base.shape())
              + ": valid indices are 0 to "
              + (n - 1));
    }
    return base.get((int) v);
  }

  private Val name(Node.Name n) {
    String name = n.name();
    Scope.Entry e = scope.lookup(name);
    if (e != null && e.binding() instanceof Scope.Value v) {
      return v.val();
    }
    if (e != null && e.binding() instanceof Scope.Function f) {
      throw error(
          n.pos(),
          Source.quote(name)
              + " is a function defined at "
              + where(e.pos())
              + "; call it as "
              + signature(name, f.lambda()));
    }
    if (CONSTANTS.containsKey(name)) {
      return constant(CONSTANTS.get(name));
    }
    if (Builtins.ALL.containsKey(name)) {
      throw error(
          n.pos(),
          Source.quote(name) + " is a function; call it as " + Builtins.ALL.get(name).signature());
    }
    if (name.equals(FORI)) {
      throw error(n.pos(), "'fori' is a loop; write " + FORI_SIGNATURE);
    }
    Integer later = scope.later(name);
    if (later != null) {
      throw error(
          n.pos(), Source.quote(name) + " is used before its definition at " + where(later));
    }
    List<String> candidates = new ArrayList<>(scope.names());
    candidates.addAll(CONSTANTS.keySet());
    String hint = Suggest.didYouMean(name, candidates);
    if (hint.isEmpty() && MathNames.explain(name, "") == null) {
      hint = Suggest.didYouMean(name, Builtins.ALL.keySet());
    }
    throw error(
        n.pos(),
        "unknown name "
            + Source.quote(name)
            + hint
            + (hint.isEmpty() ? "; the inputs are " + inputList() : ""));
  }

  private Val call(Node.Call call) {
    String name = call.name();
    if (name.equals(FORI)) {
      return fori(call);
    }
    Scope.Entry e = scope.lookup(name);
    if (e != null && e.binding() instanceof Scope.Function f) {
      List<Val> args = new ArrayList<>();
      for (Node arg : call.args()) {
        args.add(lower(arg));
      }
      return inline(name, f, call.pos(), args);
    }
    if (e != null && e.binding() instanceof Scope.Value v) {
      throw error(
          call.pos(),
          Source.quote(name)
              + " is "
              + e.kind()
              + ", not a function"
              + (v.val().shape().isScalar()
                  ? "; write " + name + " * (...) for a product"
                  : "; take an element with " + name + "[i]"));
    }
    Integer later = scope.later(name);
    if (e == null && later != null) {
      throw error(
          call.pos(),
          Source.quote(name)
              + " is used before its definition at "
              + where(later)
              + "; a function can call only functions defined before it, not itself");
    }
    Builtin f = Builtins.ALL.get(name);
    if (f == null) {
      String functions = String.join(", ", Builtins.ALL.keySet());
      String known = MathNames.explain(name, functions);
      String hint = known != null ? known : Suggest.didYouMean(name, Builtins.ALL.keySet());
      throw error(
          call.pos(),
          "unknown function "
              + Source.quote(name)
              + (hint.isEmpty() ? "; the functions are " + functions + ", " + FORI : hint));
    }
    int arity = f.arity();
    if (call.args().size() != arity) {
      throw error(
          call.pos(),
          f.signature()
              + " takes "
              + arity
              + (arity == 1 ? " argument" : " arguments")
              + ", got "
              + call.args().size());
    }
    Val[] args = new Val[arity];
    boolean condition = name.equals("where") || name.equals("select");
    for (int k = 0; k < arity; k++) {
      Node arg = call.args().get(k);
      args[k] = condition && k == 0 && arg instanceof Node.Compare cmp ? compare(cmp) : lower(arg);
    }
    return f.impl().apply(this, call, args);
  }

  /**
   * The body of {@code f} with its parameters bound to {@code args}, lowered in a new frame over
   * the scope {@code f} was defined in; {@code at} is where the call is.
   */
  private Val inline(String name, Scope.Function f, int at, List<Val> args) {
    List<Node.Name> params = f.lambda().params();
    if (args.size() != params.size()) {
      throw error(
          at,
          signature(name, f.lambda())
              + " takes "
              + params.size()
              + (params.size() == 1 ? " argument" : " arguments")
              + ", got "
              + args.size());
    }
    Scope caller = scope;
    scope = f.scope().open(f.lambda().lets());
    try {
      for (int k = 0; k < params.size(); k++) {
        Node.Name p = params.get(k);
        requireNewName(p.pos(), p.name());
        scope = scope.define(p.name(), p.pos(), "a parameter", new Scope.Value(args.get(k)));
      }
      for (Node.Let let : f.lambda().lets()) {
        define(let);
      }
      return lower(f.lambda().body());
    } finally {
      scope = caller;
    }
  }

  /**
   * {@code fori(lower, upper, init, body)}: the carry after {@code s = body(i, s)} for {@code i =
   * lower, ..., upper - 1}, one {@link Loops#fori loop} whose body is traced once.
   */
  private Val fori(Node.Call call) {
    List<Node> args = call.args();
    if (args.size() != 4) {
      throw error(call.pos(), FORI_SIGNATURE + " takes 4 arguments, got " + args.size());
    }
    int lo = bound(args.get(0));
    int hi = bound(args.get(1));
    if (hi < lo) {
      throw error(
          args.get(1).pos(),
          "fori counts up from its lower bound to its upper bound, got " + lo + " > " + hi);
    }
    if ((long) hi - lo > Integer.MAX_VALUE) {
      throw error(args.get(1).pos(), "fori runs at most " + Integer.MAX_VALUE + " steps");
    }
    Val init = lower(args.get(2));
    if (init.shape().rank() > 1) {
      throw error(
          args.get(2).pos(),
          "the carry of fori must be a scalar or a vector, got " + describe(init.shape()));
    }
    Node bodyNode = args.get(3);
    Scope.Function body = loopBody(bodyNode);
    int params = body.lambda().params().size();
    if (params != 2) {
      throw error(
          bodyNode.pos(),
          "the body of fori takes two parameters, the index and the carry, as in (i, s) -> ...;"
              + " this one takes "
              + params);
    }
    String name = bodyNode instanceof Node.Name n ? n.name() : "the body of fori";
    return Loops.fori(
        lo,
        hi,
        init,
        (i, s) -> {
          Val next = inline(name, body, bodyNode.pos(), List.of(i, s));
          if (!next.shape().equals(init.shape())) {
            throw error(
                body.lambda().pos(),
                "the body of fori must return a carry shaped like its initial value, "
                    + describe(init.shape())
                    + ", got "
                    + describe(next.shape()));
          }
          return next;
        });
  }

  /** A loop bound: a constant integer. */
  private int bound(Node n) {
    Val v = lower(n);
    if (!(v.atom() instanceof Lit lit) || !lit.shape().isScalar()) {
      throw error(
          n.pos(),
          "the bounds of fori must be constant integers, not values computed from the inputs");
    }
    double d = lit.get(0);
    if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
      throw error(n.pos(), "the bounds of fori must be integers in the 32-bit range, got " + d);
    }
    return (int) d;
  }

  /** The body of a loop: a function written in place or the name of one defined before. */
  private Scope.Function loopBody(Node n) {
    if (n instanceof Node.Lambda lambda) {
      return new Scope.Function(lambda, scope);
    }
    if (n instanceof Node.Name name) {
      Scope.Entry e = scope.lookup(name.name());
      if (e != null && e.binding() instanceof Scope.Function f) {
        return f;
      }
    }
    throw error(
        n.pos(),
        "the last argument of fori must be a function of the index and the carry, as in (i, s) ->"
            + " s + 1, or the name of one");
  }

  private static String signature(String name, Node.Lambda lambda) {
    List<String> params = new ArrayList<>();
    for (Node.Name p : lambda.params()) {
      params.add(p.name());
    }
    return Source.shorten(name) + "(" + String.join(", ", params) + ")";
  }

  private Val compare(Node.Compare cmp) {
    Val a = lower(cmp.left());
    Val b = lower(cmp.right());
    requireBroadcastable(cmp.pos(), cmp.op(), a, b);
    switch (cmp.op()) {
      case LT:
        return a.lt(b);
      case LE:
        return a.le(b);
      case GT:
        return a.gt(b);
      case GE:
        return a.ge(b);
      case EQ:
        return a.eq(b);
      default:
        return a.ne(b);
    }
  }

  /** Checks that argument {@code k} of {@code call} is a vector. */
  void requireVector(Node.Call call, int k, Val v) {
    requireArgument(call, k, v, v.shape().rank() == 1, "a vector");
  }

  /** Checks that argument {@code k} of {@code call} is a scalar. */
  void requireScalar(Node.Call call, int k, Val v) {
    requireArgument(call, k, v, v.shape().isScalar(), "a scalar");
  }

  private void requireArgument(Node.Call call, int k, Val v, boolean ok, String expected) {
    if (!ok) {
      throw error(
          call.args().get(k).pos(),
          "the "
              + ordinal(k)
              + " argument of "
              + Builtins.ALL.get(call.name()).signature()
              + " must be "
              + expected
              + ", got "
              + describe(v.shape()));
    }
  }

  /** Checks that the two arguments of {@code call} have one shape. */
  void requireSameShape(Node.Call call, Val a, Val b) {
    if (!a.shape().equals(b.shape())) {
      throw error(
          call.args().get(1).pos(),
          Builtins.ALL.get(call.name()).signature()
              + " needs two vectors of one length, got "
              + a.shape()
              + " and "
              + b.shape());
    }
  }

  /** Checks that the arguments of an elementwise call share one shape apart from scalars. */
  void requireBroadcastable(Node.Call call, Val[] args) {
    Shape common = Shape.SCALAR;
    for (int k = 0; k < args.length; k++) {
      Shape s = args[k].shape();
      if (!s.isScalar() && !common.isScalar() && !s.equals(common)) {
        throw error(
            call.args().get(k).pos(),
            "the arguments of "
                + Builtins.ALL.get(call.name()).signature()
                + " must have one shape or be scalars, got "
                + common
                + " and "
                + s);
      }
      if (!s.isScalar()) {
        common = s;
      }
    }
  }

  private void requireBroadcastable(int at, Token.Kind op, Val a, Val b) {
    Shape x = a.shape();
    Shape y = b.shape();
    if (!x.equals(y) && !x.isScalar() && !y.isScalar()) {
      throw error(
          at, op.shown() + " needs operands of one shape or a scalar, got " + x + " and " + y);
    }
  }

  private Val constant(double c) {
    return new Val(builder, Lit.scalar(c));
  }

  private String where(int offset) {
    return "line " + src.line(offset) + ", column " + src.column(offset);
  }

  private String inputList() {
    if (params.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Param q : params) {
      parts.add(q.name() + ":" + q.shape());
    }
    String all = String.join(", ", parts);
    return all.length() <= 200 ? all : all.substring(0, 197) + "...";
  }

  private static String kind(String n) {
    return Builtins.ALL.containsKey(n) ? "function" : n.equals(FORI) ? "loop" : "constant";
  }

  private static String ordinal(int k) {
    return k == 0 ? "first" : k == 1 ? "second" : "third";
  }

  private static String describe(Shape s) {
    return s.isScalar() ? "a scalar" : (s.rank() == 1 ? "a vector " : "a matrix ") + s;
  }

  private LangException error(int at, String reason) {
    return new LangException(function, src, at, reason);
  }
}
