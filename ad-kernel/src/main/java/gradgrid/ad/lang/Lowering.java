package gradgrid.ad.lang;

import gradgrid.ad.Param;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.lang.Builtins.Builtin;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a syntax tree into traced values, checking names, argument counts and shapes at every node
 * first, so every mistake is reported at its spot as a {@link LangException} and the tracing API
 * never sees an ill-shaped operation. Recursion follows the tree, whose depth the parser bounds.
 */
final class Lowering {
  /**
   * Named constants; an input or binding of the same name is not allowed to be shadowed by them.
   */
  static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI);

  private final String function;
  private final Source src;
  private final GraphBuilder builder;
  private final Map<String, Val> inputs = new LinkedHashMap<>();
  private final Map<String, Val> bindings = new LinkedHashMap<>();
  private final Map<String, Integer> laterBindings = new HashMap<>();

  Lowering(String function, Source src, GraphBuilder builder, List<Param> params, Val[] args) {
    this.function = function;
    this.src = src;
    this.builder = builder;
    for (int i = 0; i < params.size(); i++) {
      inputs.put(params.get(i).name(), args[i]);
    }
  }

  /** Lowers the bindings in order, then the result, which must be a scalar. */
  Val program(Node.Program prog) {
    for (Node.Let let : prog.lets()) {
      laterBindings.putIfAbsent(let.name(), let.pos());
    }
    for (Node.Let let : prog.lets()) {
      String n = let.name();
      if (inputs.containsKey(n)) {
        throw error(let.pos(), Source.quote(n) + " is an input and cannot be redefined");
      }
      if (bindings.containsKey(n)) {
        throw error(
            let.pos(), Source.quote(n) + " is already defined at " + where(laterBindings.get(n)));
      }
      if (Builtins.ALL.containsKey(n) || CONSTANTS.containsKey(n)) {
        throw error(
            let.pos(),
            Source.quote(n) + " is the name of a built-in " + kind(n) + "; choose another name");
      }
      bindings.put(n, lower(let.value()));
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

  private Val lower(Node n) {
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
    } else if (n instanceof Node.Compare cmp) {
      throw error(
          cmp.pos(),
          "a comparison has no value of its own; use it as the condition of where(cond, a, b)");
    }
    throw new IllegalStateException("unknown node " + n);
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
          acc = acc.div(v);
          break;
      }
    }
    return acc;
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
    Val v = bindings.get(name);
    if (v == null) {
      v = inputs.get(name);
    }
    if (v != null) {
      return v;
    }
    if (CONSTANTS.containsKey(name)) {
      return constant(CONSTANTS.get(name));
    }
    if (Builtins.ALL.containsKey(name)) {
      throw error(
          n.pos(),
          Source.quote(name) + " is a function; call it as " + Builtins.ALL.get(name).signature());
    }
    if (laterBindings.containsKey(name)) {
      throw error(
          n.pos(),
          Source.quote(name)
              + " is used before its definition at "
              + where(laterBindings.get(name)));
    }
    List<String> candidates = new ArrayList<>(inputs.keySet());
    candidates.addAll(bindings.keySet());
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
    Builtin f = Builtins.ALL.get(name);
    if (f == null) {
      if (inputs.containsKey(name) || bindings.containsKey(name)) {
        Val v = bindings.containsKey(name) ? bindings.get(name) : inputs.get(name);
        throw error(
            call.pos(),
            Source.quote(name)
                + " is "
                + (bindings.containsKey(name) ? "a binding" : "an input")
                + ", not a function"
                + (v.shape().isScalar()
                    ? "; write " + name + " * (...) for a product"
                    : "; take an element with " + name + "[i]"));
      }
      String functions = String.join(", ", Builtins.ALL.keySet());
      String known = MathNames.explain(name, functions);
      String hint = known != null ? known : Suggest.didYouMean(name, Builtins.ALL.keySet());
      throw error(
          call.pos(),
          "unknown function "
              + Source.quote(name)
              + (hint.isEmpty() ? "; the functions are " + functions : hint));
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
    if (inputs.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Val> e : inputs.entrySet()) {
      parts.add(e.getKey() + ":" + e.getValue().shape());
    }
    String all = String.join(", ", parts);
    return all.length() <= 200 ? all : all.substring(0, 197) + "...";
  }

  private static String kind(String n) {
    return Builtins.ALL.containsKey(n) ? "function" : "constant";
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
