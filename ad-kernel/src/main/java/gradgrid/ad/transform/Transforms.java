package gradgrid.ad.transform;

import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.CustomJvp;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Implements the transforms behind {@link gradgrid.ad.AD}: argument checks with clear messages,
 * then a fresh trace in which {@link Jvp} and {@link Transpose} emit the derivative graph.
 */
public final class Transforms {
  /** A key of {@link #fix(Fn, Map)}: a parameter name, or one element {@code name[i]}. */
  private static final Pattern ELEMENT_KEY = Pattern.compile("([A-Za-z_]\\w*)(?:\\[(\\d+)])?");

  private Transforms() {}

  /** grad or value_and_grad of a scalar function. */
  public static Fn grad(Fn f, int[] argnums, boolean withValue) {
    String what = (withValue ? "valueAndGrad" : "grad") + " of '" + f.name() + "'";
    int[] wrt = checkArgnums(what, f, argnums);
    requireScalarOutput(what, f);
    List<String> names = new ArrayList<>();
    if (withValue) {
      names.add(f.outputNames().get(0));
    }
    for (int a : wrt) {
      names.add("d" + f.outputNames().get(0) + "/d" + f.params().get(a).name());
    }
    return build(
        derivedName(withValue ? "valueAndGrad" : "grad", f, wrt),
        f.params(),
        names,
        (b, x) -> {
          Val[] r =
              Transpose.pullback(b, f.graph(), x, wrt, new Val[] {new Val(b, Lit.scalar(1.0))});
          return withValue ? r : Arrays.copyOfRange(r, 1, r.length);
        });
  }

  /** Forward mode with the tangents as extra arguments. */
  public static Fn jvp(Fn f, int[] argnums) {
    int[] wrt = checkArgnums("jvp of '" + f.name() + "'", f, argnums);
    List<Param> params = new ArrayList<>(f.params());
    for (int a : wrt) {
      Param p = f.params().get(a);
      params.add(new Param("t_" + p.name(), p.shape()));
    }
    List<String> names = new ArrayList<>(f.outputNames());
    for (String o : f.outputNames()) {
      names.add("t_" + o);
    }
    int n = f.params().size();
    return build(
        derivedName("jvp", f, wrt),
        params,
        names,
        (b, x) -> {
          Val[] tangents = new Val[n];
          for (int k = 0; k < wrt.length; k++) {
            tangents[wrt[k]] = x[n + k];
          }
          Val[] r = Jvp.apply(b, f.graph(), Arrays.copyOf(x, n), tangents);
          return zerosForNull(b, r, f.outputShapes());
        });
  }

  /** Reverse mode with the output cotangents as extra arguments. */
  public static Fn vjp(Fn f, int[] argnums) {
    int[] wrt = checkArgnums("vjp of '" + f.name() + "'", f, argnums);
    List<Param> params = new ArrayList<>(f.params());
    for (int j = 0; j < f.outputNames().size(); j++) {
      params.add(new Param("ct_" + f.outputNames().get(j), f.outputShapes().get(j)));
    }
    List<String> names = new ArrayList<>();
    for (int a : wrt) {
      names.add("ct_" + f.params().get(a).name());
    }
    int n = f.params().size();
    int m = f.outputNames().size();
    return build(
        derivedName("vjp", f, wrt),
        params,
        names,
        (b, x) -> {
          Val[] r =
              Transpose.pullback(
                  b, f.graph(), Arrays.copyOf(x, n), wrt, Arrays.copyOfRange(x, n, n + m));
          return Arrays.copyOfRange(r, m, r.length);
        });
  }

  /** Forward-mode Jacobian blocks, one jvp per input element. */
  public static Fn jacfwd(Fn f, int[] argnums) {
    String what = "jacfwd of '" + f.name() + "'";
    int[] wrt = checkArgnums(what, f, argnums);
    List<String> names = blockNames(f, wrt);
    int n = f.params().size();
    int m = f.outputNames().size();
    return build(
        derivedName("jacfwd", f, wrt),
        f.params(),
        names,
        (b, x) -> {
          Val[][][] cols = new Val[m][wrt.length][];
          for (int k = 0; k < wrt.length; k++) {
            Shape s = f.params().get(wrt[k]).shape();
            for (int m2 = 0; m2 < m; m2++) {
              cols[m2][k] = new Val[s.size()];
            }
            for (int e = 0; e < s.size(); e++) {
              Val[] tangents = new Val[n];
              tangents[wrt[k]] = new Val(b, new Lit(s, Blocks.oneHot(s, e)));
              Val[] r = Jvp.apply(b, f.graph(), x, tangents);
              for (int j = 0; j < m; j++) {
                Val t = r[m + j];
                cols[j][k][e] =
                    t != null ? t : new Val(b, Lit.filled(f.outputShapes().get(j), 0.0));
              }
            }
          }
          Val[] out = new Val[m * wrt.length];
          for (int j = 0; j < m; j++) {
            for (int k = 0; k < wrt.length; k++) {
              out[j * wrt.length + k] =
                  Blocks.fromColumns(
                      what, f.outputShapes().get(j), f.params().get(wrt[k]).shape(), cols[j][k]);
            }
          }
          return out;
        });
  }

  /** Reverse-mode Jacobian blocks, one vjp per output element. */
  public static Fn jacrev(Fn f, int[] argnums) {
    String what = "jacrev of '" + f.name() + "'";
    int[] wrt = checkArgnums(what, f, argnums);
    List<String> names = blockNames(f, wrt);
    int m = f.outputNames().size();
    return build(
        derivedName("jacrev", f, wrt),
        f.params(),
        names,
        (b, x) -> {
          Val[] out = new Val[m * wrt.length];
          for (int j = 0; j < m; j++) {
            Shape so = f.outputShapes().get(j);
            Val[][] rows = new Val[wrt.length][so.size()];
            for (int e = 0; e < so.size(); e++) {
              Val[] cts = new Val[m];
              cts[j] = new Val(b, new Lit(so, Blocks.oneHot(so, e)));
              Val[] r = Transpose.pullback(b, f.graph(), x, wrt, cts);
              for (int k = 0; k < wrt.length; k++) {
                rows[k][e] = r[m + k];
              }
            }
            for (int k = 0; k < wrt.length; k++) {
              out[j * wrt.length + k] =
                  Blocks.fromRows(what, so, f.params().get(wrt[k]).shape(), rows[k]);
            }
          }
          return out;
        });
  }

  /** The parameter at {@code argnum}, refused with {@code need} when it is not a scalar. */
  private static Param scalarArgument(String what, Fn f, int argnum, String need) {
    Param p = f.params().get(argnum);
    if (!p.shape().isScalar()) {
      throw new AdException(what + ": argument '" + p.name() + "' is " + p.shape() + "; " + need);
    }
    return p;
  }

  /** Repeated forward mode w.r.t. one scalar argument of a scalar function. */
  public static Fn derivative(Fn f, int argnum, int order) {
    String what = "derivative of '" + f.name() + "'";
    int[] wrt = checkArgnums(what, f, new int[] {argnum});
    requireScalarOutput(what, f);
    Param p =
        scalarArgument(
            what, f, wrt[0], "derivative needs a scalar argument (use grad or jacfwd for vectors)");
    if (order < 1) {
      throw new AdException(what + ": the order must be at least 1, got " + order);
    }
    Fn d = f;
    for (int k = 0; k < order; k++) {
      d = jacfwd(d, wrt);
    }
    String out = f.outputNames().get(0);
    String name =
        order == 1 ? "d" + out + "/d" + p.name() : "d" + order + out + "/d" + p.name() + order;
    return new Fn(
        "derivative(" + f.name() + ", argnum=" + argnum + ", order=" + order + ")",
        f.params(),
        List.of(name),
        d.graph());
  }

  /**
   * f and its first {@code order} derivatives w.r.t. the scalar argument {@code argnum}, in one
   * Taylor-mode pass ({@link Taylor}): outputs {@code f, df/dx, d2f/dx2, ...} for each of f's
   * outputs in turn, order by order.
   */
  public static Fn taylor(Fn f, int argnum, int order) {
    String what = "taylor of '" + f.name() + "'";
    int[] wrt = checkArgnums(what, f, new int[] {argnum});
    Param p =
        scalarArgument(
            what,
            f,
            wrt[0],
            "Taylor mode needs a scalar argument (use taylorAlong for a direction)");
    return series(
        "taylor(" + f.name() + ", argnum=" + argnum + ", order=" + order + ")",
        f,
        f.params(),
        order,
        p.name(),
        x -> {
          Series[] in = new Series[x.length];
          for (int i = 0; i < x.length; i++) {
            in[i] = i == wrt[0] ? Taylor.given(x[i], x[i].constant(1.0)) : Taylor.given(x[i]);
          }
          return in;
        });
  }

  /**
   * The derivatives of {@code s -> f(x + s t)} at {@code s = 0} to {@code order}, moving the
   * arguments {@code argnums} along directions {@code t} given as extra parameters ({@code t_alpha}
   * and so on, as jvp's tangents): the directional form of {@link #taylor}.
   */
  public static Fn taylorAlong(Fn f, int order, int[] argnums) {
    int[] wrt = checkArgnums("taylorAlong of '" + f.name() + "'", f, argnums);
    List<Param> params = new ArrayList<>(f.params());
    for (int a : wrt) {
      Param p = f.params().get(a);
      params.add(new Param("t_" + p.name(), p.shape()));
    }
    int n = f.params().size();
    return series(
        derivedName("taylorAlong", f, wrt) + "[order=" + order + "]",
        f,
        params,
        order,
        "t",
        x -> {
          Series[] in = new Series[n];
          for (int i = 0; i < n; i++) {
            in[i] = Taylor.given(x[i]);
          }
          for (int k = 0; k < wrt.length; k++) {
            in[wrt[k]] = Taylor.given(x[wrt[k]], x[n + k]);
          }
          return in;
        });
  }

  /** The outputs {@code f, df/d<var>, ...} of the series of f given the inputs' series. */
  private static Fn series(
      String name,
      Fn f,
      List<Param> params,
      int order,
      String var,
      Function<Val[], Series[]> inputs) {
    if (order < 0) {
      throw new AdException(name + ": the order must be at least 0, got " + order);
    }
    List<String> names = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (int j = 0; j <= order; j++) {
      for (int o = 0; o < f.outputNames().size(); o++) {
        String out = f.outputNames().get(o);
        names.add(j == 0 ? out : j == 1 ? "d" + out + "/d" + var : "d" + j + out + "/d" + var + j);
        shapes.add(f.outputShapes().get(o));
      }
    }
    return build(
        name,
        params,
        names,
        (b, x) -> {
          Series[] out = Taylor.apply(b, f.graph(), inputs.apply(x));
          Val[] r = new Val[(order + 1) * out.length];
          double factorial = 1;
          for (int j = 0; j <= order; j++) {
            factorial *= Math.max(j, 1);
            for (int o = 0; o < out.length; o++) {
              Val c = out[o].coeff(j);
              // f^(j) = j! c_j
              r[j * out.length + o] = c == null || j < 2 ? c : c.mul(factorial);
            }
          }
          return zerosForNull(b, r, shapes);
        });
  }

  /**
   * {@code f} with the tangent rule {@code rule} (see {@link gradgrid.ad.AD#customJvp}): one {@link
   * CustomJvp} equation per output, after checking that the rule takes f's parameters then one
   * tangent of each, and returns one tangent of each of f's outputs.
   */
  public static Fn customJvp(Fn f, Fn rule) {
    String what = "customJvp of '" + f.name() + "' with rule '" + rule.name() + "'";
    int n = f.params().size();
    if (n == 0) {
      throw new AdException(what + ": the function takes no arguments to differentiate");
    }
    StringBuilder want = new StringBuilder();
    for (int i = 0; i < 2 * n; i++) {
      Param p = f.params().get(i % n);
      want.append(i == 0 ? "" : ", ").append(i < n ? p : new Param("t_" + p.name(), p.shape()));
    }
    boolean fits = rule.params().size() == 2 * n;
    for (int i = 0; fits && i < 2 * n; i++) {
      fits = rule.params().get(i).shape().equals(f.params().get(i % n).shape());
    }
    if (!fits) {
      throw new AdException(
          what
              + ": the rule must take the primals and then one tangent of each, of the same"
              + " shapes ("
              + want
              + "), but it takes ("
              + rule.signature()
              + ")");
    }
    if (!rule.outputShapes().equals(f.outputShapes())) {
      throw new AdException(
          what
              + ": the rule must return one tangent per output of the same shape, "
              + f.outputShapes()
              + " for "
              + f.outputNames()
              + ", but it returns "
              + rule.outputShapes());
    }
    int m = f.outputNames().size();
    return build(
        f.name(),
        f.params(),
        f.outputNames(),
        (b, x) -> {
          Val[] out = new Val[m];
          for (int j = 0; j < m; j++) {
            out[j] =
                new Val(b, b.emit(new CustomJvp(f.name(), f.graph(), rule.graph(), j), atoms(x)));
          }
          return out;
        });
  }

  /** Forward-over-reverse Hessian blocks, named {@code d2f/da db}. */
  public static Fn hessian(Fn f, int[] argnums) {
    String what = "hessian of '" + f.name() + "'";
    int[] wrt = checkArgnums(what, f, argnums);
    requireScalarOutput(what, f);
    Fn h = jacfwd(grad(f, wrt, false), wrt);
    List<String> names = new ArrayList<>();
    String out = f.outputNames().get(0);
    for (int i : wrt) {
      for (int j : wrt) {
        names.add("d2" + out + "/d" + f.params().get(i).name() + " d" + f.params().get(j).name());
      }
    }
    return new Fn(derivedName("hessian", f, wrt), f.params(), names, h.graph());
  }

  /**
   * {@code f} with parameter {@code param} fixed to {@code value} except at the elements {@code
   * free} names, which become scalar parameters in {@code param}'s place (see {@link
   * gradgrid.ad.AD#fix(Fn, String, double[], Map)}).
   */
  public static Fn fix(Fn f, String param, double[] value, Map<Integer, String> free) {
    int at = f.paramIndex(param);
    Shape s = f.params().get(at).shape();
    String what = "fix '" + param + "' of '" + f.name() + "'";
    if (value.length != s.size()) {
      throw new AdException(
          what + ": needs " + s.size() + " values for " + s + ", got " + value.length);
    }
    if (!free.isEmpty() && s.rank() > 1) {
      throw new AdException(what + ": only a scalar or a vector can keep free elements, not " + s);
    }
    SortedMap<Integer, String> byElement = new TreeMap<>(free);
    List<Param> params = new ArrayList<>(f.params());
    params.remove(at);
    Set<String> names = new HashSet<>();
    params.forEach(p -> names.add(p.name()));
    List<Param> freeParams = new ArrayList<>();
    for (Map.Entry<Integer, String> e : byElement.entrySet()) {
      if (e.getKey() < 0 || e.getKey() >= s.size()) {
        throw new AdException(
            what + ": element " + e.getKey() + " is outside 0.." + (s.size() - 1));
      }
      if (!names.add(e.getValue())) {
        throw new AdException(
            what
                + ": the free element "
                + e.getKey()
                + " cannot be named '"
                + e.getValue()
                + "', the name of another parameter");
      }
      freeParams.add(Param.scalar(e.getValue()));
    }
    params.addAll(at, freeParams);
    double[] fixed = value.clone();
    int[] elements = byElement.keySet().stream().mapToInt(Integer::intValue).toArray();
    return build(
        f.name() + "[" + param + " fixed]",
        params,
        f.outputNames(),
        (b, x) -> {
          Atom[] args = new Atom[f.params().size()];
          for (int i = 0; i < args.length; i++) {
            args[i] = i < at ? x[i].atom() : i > at ? x[i - 1 + elements.length].atom() : null;
          }
          args[at] =
              fixedArgument(b, s, fixed, elements, Arrays.copyOfRange(x, at, at + elements.length));
          return toVals(b, b.inline(f.graph(), args));
        });
  }

  /**
   * {@code f} with several parameters or single elements fixed at once (see {@link
   * gradgrid.ad.AD#fix(Fn, Map)}): each key is a parameter name or {@code name[i]}.
   */
  public static Fn fix(Fn f, Map<String, double[]> values) {
    Map<String, double[]> whole = new HashMap<>();
    Map<String, SortedMap<Integer, Double>> elements = new HashMap<>();
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      Matcher m = ELEMENT_KEY.matcher(e.getKey());
      String what = "fix '" + e.getKey() + "' of '" + f.name() + "'";
      if (!m.matches()) {
        throw new AdException(what + ": write a parameter name or name[i] for one element");
      }
      String name = m.group(1);
      f.paramIndex(name);
      if (e.getValue() == null) {
        throw new AdException(what + ": no value (null)");
      }
      if (m.group(2) == null) {
        whole.put(name, e.getValue());
        continue;
      }
      if (e.getValue().length != 1) {
        throw new AdException(what + ": one element takes 1 value, got " + e.getValue().length);
      }
      int size = f.params().get(f.paramIndex(name)).shape().size();
      int index = m.group(2).length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(m.group(2));
      if (index >= size) {
        throw new AdException(what + ": element " + m.group(2) + " is outside 0.." + (size - 1));
      }
      elements.computeIfAbsent(name, k -> new TreeMap<>()).put(index, e.getValue()[0]);
    }
    Fn g = f;
    for (Param p : f.params()) {
      String name = p.name();
      if (whole.containsKey(name)) {
        if (elements.containsKey(name)) {
          throw new AdException(
              "fix '"
                  + name
                  + "' of '"
                  + f.name()
                  + "': fixed both whole and by element; give one of the two");
        }
        g = fix(g, name, whole.get(name), Map.of());
      } else if (elements.containsKey(name)) {
        double[] value = new double[p.shape().size()];
        Map<Integer, String> free = new HashMap<>();
        for (int i = 0; i < value.length; i++) {
          Double v = elements.get(name).get(i);
          if (v == null) {
            free.put(i, name + "_" + i);
          } else {
            value[i] = v;
          }
        }
        g = fix(g, name, value, free);
      }
    }
    return g;
  }

  /** The fixed parameter's value: a literal, or a stack of literals and the free elements. */
  private static Atom fixedArgument(
      GraphBuilder b, Shape s, double[] value, int[] elements, Val[] free) {
    if (elements.length == 0) {
      return new Lit(s, value);
    }
    if (s.isScalar()) {
      return free[0].atom();
    }
    Val[] parts = new Val[s.size()];
    for (int e = 0; e < parts.length; e++) {
      parts[e] = new Val(b, Lit.scalar(value[e]));
    }
    for (int k = 0; k < elements.length; k++) {
      parts[elements[k]] = free[k];
    }
    return Val.stack(parts).atom();
  }

  /** Re-emits the graph through a fresh builder: constant folding, CSE, dead-code elimination. */
  public static Fn simplify(Fn f) {
    return build(
        f.name(), f.params(), f.outputNames(), (b, x) -> toVals(b, b.inline(f.graph(), atoms(x))));
  }

  private static Fn build(
      String name,
      List<Param> params,
      List<String> names,
      BiFunction<GraphBuilder, Val[], Val[]> body) {
    GraphBuilder b = new GraphBuilder(name);
    Val[] x = new Val[params.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = new Val(b, b.addInput(params.get(i).shape()));
    }
    Val[] out = body.apply(b, x);
    List<Atom> atoms = new ArrayList<>();
    for (Val v : out) {
      atoms.add(v.atom());
    }
    Graph g = b.build(atoms);
    return new Fn(name, params, names, g);
  }

  private static Val[] zerosForNull(GraphBuilder b, Val[] r, List<Shape> outShapes) {
    int m = outShapes.size();
    for (int j = 0; j < r.length; j++) {
      if (r[j] == null) {
        r[j] = new Val(b, Lit.filled(outShapes.get(j % m), 0.0));
      }
    }
    return r;
  }

  private static Atom[] atoms(Val[] x) {
    return Arrays.stream(x).map(Val::atom).toArray(Atom[]::new);
  }

  private static Val[] toVals(GraphBuilder b, Atom[] a) {
    return Arrays.stream(a).map(x -> new Val(b, x)).toArray(Val[]::new);
  }

  private static List<String> blockNames(Fn f, int[] wrt) {
    List<String> names = new ArrayList<>();
    for (String o : f.outputNames()) {
      for (int a : wrt) {
        names.add("d" + o + "/d" + f.params().get(a).name());
      }
    }
    return names;
  }

  private static String derivedName(String transform, Fn f, int[] wrt) {
    return transform + "(" + f.name() + ", argnums=" + Arrays.toString(wrt) + ")";
  }

  /** Validates argnums (default {0}): in range, no repeats, and the function has parameters. */
  static int[] checkArgnums(String what, Fn f, int[] argnums) {
    int n = f.params().size();
    if (n == 0) {
      throw new AdException(what + ": the function takes no arguments to differentiate");
    }
    int[] wrt = argnums.length == 0 ? new int[] {0} : argnums.clone();
    for (int i = 0; i < wrt.length; i++) {
      if (wrt[i] < 0 || wrt[i] >= n) {
        throw new AdException(
            what
                + ": argnums "
                + wrt[i]
                + " is out of range; the function takes "
                + n
                + " arguments ("
                + f.signature()
                + "), numbered 0.."
                + (n - 1));
      }
      for (int j = 0; j < i; j++) {
        if (wrt[i] == wrt[j]) {
          throw new AdException(
              what
                  + ": argnums "
                  + wrt[i]
                  + " ('"
                  + f.params().get(wrt[i]).name()
                  + "') is repeated in "
                  + Arrays.toString(argnums));
        }
      }
    }
    return wrt;
  }

  private static void requireScalarOutput(String what, Fn f) {
    List<Shape> shapes = f.outputShapes();
    if (shapes.size() != 1 || !shapes.get(0).isScalar()) {
      StringBuilder outs = new StringBuilder();
      for (int j = 0; j < shapes.size(); j++) {
        outs.append(j == 0 ? "" : ", ")
            .append(f.outputNames().get(j))
            .append(':')
            .append(shapes.get(j));
      }
      throw new AdException(
          what
              + " needs a function with one scalar output, but it returns ("
              + outs
              + "); use jacfwd or jacrev for vector outputs\n"
              + f.graph());
    }
  }
}
