package gradgrid.ad.prim;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.ir.Var;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every primitive's rules against independent oracles: the jvp rule against central finite
 * differences, the transpose (through vjp) against the identity {@code <v, J u> = <J^T v, u>}, and
 * the Taylor rule against forward mode nested three times along a line through the inputs.
 */
class PrimitiveRulesTest {
  /** One primitive applied to inputs of given shapes, with inputs drawn from a safe domain. */
  record Case(Primitive prim, Shape[] shapes, double lo, double hi, int[] differentiable) {
    @Override
    public String toString() {
      return prim.name();
    }
  }

  static Stream<Case> cases() {
    Shape s = Shape.SCALAR;
    Shape v3 = Shape.vector(3);
    Shape m23 = Shape.matrix(2, 3);
    Stream<Case> fixed =
        Stream.of(
            new Case(new Add(), new Shape[] {v3, v3}, -2, 2, new int[] {0, 1}),
            new Case(new Neg(), new Shape[] {s}, -2, 2, new int[] {0}),
            new Case(new Mul(), new Shape[] {v3, v3}, -2, 2, new int[] {0, 1}),
            new Case(new Recip(), new Shape[] {s}, 0.5, 2, new int[] {0}),
            new Case(new IntPow(3), new Shape[] {s}, -2, 2, new int[] {0}),
            new Case(new IntPow(-2), new Shape[] {s}, 0.5, 2, new int[] {0}),
            new Case(new IntPow(0), new Shape[] {s}, -2, 2, new int[] {0}),
            new Case(new IntPow(1), new Shape[] {s}, -2, 2, new int[] {0}),
            new Case(new Compare(Compare.Op.LT), new Shape[] {s, s}, -2, 2, new int[] {0, 1}),
            new Case(new Select(), new Shape[] {v3, v3, v3}, -2, 2, new int[] {1, 2}),
            new Case(new Index(1), new Shape[] {v3}, -2, 2, new int[] {0}),
            new Case(new Index(1), new Shape[] {m23}, -2, 2, new int[] {0}),
            new Case(new Stack(), new Shape[] {s, s, s}, -2, 2, new int[] {0, 1, 2}),
            new Case(new Stack(), new Shape[] {v3, v3}, -2, 2, new int[] {0, 1}),
            new Case(new Broadcast(v3), new Shape[] {s}, -2, 2, new int[] {0}),
            new Case(new Sum(), new Shape[] {m23}, -2, 2, new int[] {0}),
            new Case(new Dot(), new Shape[] {v3, v3}, -2, 2, new int[] {0, 1}),
            new Case(new Max(), new Shape[] {v3, v3}, -2, 2, new int[] {0, 1}),
            new Case(new MatVec(), new Shape[] {m23, v3}, -2, 2, new int[] {0, 1}),
            new Case(new MatT(), new Shape[] {m23}, -2, 2, new int[] {0}),
            new Case(new Outer(), new Shape[] {v3, Shape.vector(2)}, -2, 2, new int[] {0, 1}),
            new Case(sampleCustomJvp(), new Shape[] {v3, v3}, -2, 2, new int[] {0, 1}),
            new Case(new DynIndex(), new Shape[] {m23, s}, -2, 2, new int[] {0}),
            new Case(new DynPlace(3), new Shape[] {v3, s}, -2, 2, new int[] {0}));
    Stream<Case> loops =
        Primitives.ALL.stream().filter(p -> p instanceof Loop).map(p -> loopCase((Loop) p));
    Stream<Case> unary =
        Arrays.stream(UnaryFn.values())
            .filter(f -> f != UnaryFn.STOP_GRADIENT)
            .map(f -> new Case(new Unary(f), new Shape[] {v3}, lo(f), hi(f), new int[] {0}));
    Stream<Case> binary =
        Arrays.stream(BinaryFn.values())
            .map(f -> new Case(new Binary(f), new Shape[] {s, s}, 0.5, 2, new int[] {0, 1}));
    return Stream.of(fixed, loops, unary, binary).flatMap(c -> c);
  }

  /** A loop sample with every input (carries and closed-over values) differentiable. */
  static Case loopCase(Loop l) {
    List<Shape> in = l.body().inputShapes();
    Shape[] shapes = in.subList(1, in.size()).toArray(new Shape[0]);
    return new Case(l, shapes, -1, 1, java.util.stream.IntStream.range(0, shapes.length).toArray());
  }

  /** The registered custom_jvp sample (its graphs compare by identity, so the same instance). */
  static Primitive sampleCustomJvp() {
    return Primitives.ALL.stream().filter(p -> p instanceof CustomJvp).findFirst().orElseThrow();
  }

  /** Where each table function is smooth: inside its domain and away from its jumps. */
  static double lo(UnaryFn f) {
    return switch (f) {
      case LOG, LOG2, LOG10, SQRT, CBRT, SIGN -> 0.5;
      case LOG1P -> -0.5;
      case ASIN, ACOS, ATANH -> -0.9;
      case ACOSH -> 1.5;
      case FLOOR, CEIL, ROUND -> 0.1;
      case SIGMOID, SOFTPLUS -> -4;
      default -> -2;
    };
  }

  static double hi(UnaryFn f) {
    return switch (f) {
      case ASIN, ACOS, ATANH -> 0.9;
      case ACOSH -> 4;
      case FLOOR, CEIL -> 0.9;
      case ROUND -> 0.4;
      case SIGMOID, SOFTPLUS -> 4;
      default -> 2;
    };
  }

  @Test
  void everyRegisteredPrimitiveHasACase() {
    Set<Primitive> covered = new HashSet<>();
    cases().forEach(c -> covered.add(c.prim()));
    for (Primitive p : Primitives.ALL) {
      if (p instanceof Eigvalsh || p.equals(new Unary(UnaryFn.STOP_GRADIENT))) {
        // not differentiable by design (MatVecTest checks that it says so); the derivative of
        // stop_gradient is 0 where finite differences give 1 (StopGradientTest)
        continue;
      }
      boolean parameterised = p instanceof IntPow || p instanceof Index || p instanceof Compare;
      boolean hit =
          parameterised
              ? covered.stream().anyMatch(c -> c.getClass() == p.getClass())
              : covered.contains(p)
                  || p instanceof Broadcast
                      && covered.stream().anyMatch(c -> c instanceof Broadcast);
      assertTrue(hit, "no rule test for " + p.name());
    }
  }

  @Test
  void theRegistryListsEveryPermittedPrimitive() {
    // one Unary and one Binary per table line, and two loop samples
    Set<Class<?>> registered = new HashSet<>();
    Primitives.ALL.forEach(p -> registered.add(p.getClass()));
    assertEquals(Set.of(Primitive.class.getPermittedSubclasses()), registered);
    assertEquals(
        Primitive.class.getPermittedSubclasses().length
            + UnaryFn.values().length
            + BinaryFn.values().length
            - 2
            + 1,
        Primitives.ALL.size());
  }

  private static Fn single(Case c) {
    GraphBuilder b = new GraphBuilder(c.prim().name());
    List<Atom> in = new ArrayList<>();
    List<gradgrid.ad.Param> params = new ArrayList<>();
    for (int i = 0; i < c.shapes().length; i++) {
      Var v = b.addInput(c.shapes()[i]);
      in.add(v);
      params.add(new gradgrid.ad.Param("a" + i, c.shapes()[i]));
    }
    Atom out = b.emit(c.prim(), in.toArray(new Atom[0]));
    return new Fn(c.prim().name(), params, List.of("y"), b.build(List.of(out)));
  }

  private static double[][] draw(Case c, Random r) {
    double[][] x = new double[c.shapes().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[c.shapes()[i].size()];
      for (int k = 0; k < x[i].length; k++) {
        x[i][k] = c.lo() + (c.hi() - c.lo()) * r.nextDouble();
      }
    }
    if (c.prim() instanceof DynIndex || c.prim() instanceof DynPlace) {
      x[1][0] = 1;
    }
    if (c.prim() instanceof Select) {
      for (int k = 0; k < x[0].length; k++) {
        x[0][k] = k % 2;
      }
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void jvpMatchesCentralFiniteDifferences(Case c) {
    Fn f = single(c);
    Fn jvp = AD.jvp(f, c.differentiable());
    Random r = new Random(7);
    double h = 1e-6;
    for (int trial = 0; trial < 20; trial++) {
      double[][] x = draw(c, r);
      double[][] u = new double[c.differentiable().length][];
      for (int k = 0; k < u.length; k++) {
        u[k] = new double[x[c.differentiable()[k]].length];
        for (int e = 0; e < u[k].length; e++) {
          u[k][e] = 2 * r.nextDouble() - 1;
        }
      }
      double[][] args = Stream.concat(Stream.of(x), Stream.of(u)).toArray(double[][]::new);
      double[] tangent = jvp.call(args)[1];
      double[] plus = f.call(shift(x, c.differentiable(), u, h))[0];
      double[] minus = f.call(shift(x, c.differentiable(), u, -h))[0];
      for (int e = 0; e < tangent.length; e++) {
        double fd = (plus[e] - minus[e]) / (2 * h);
        assertClose(fd, tangent[e], 1e-6, 1.0, c + " tangent element " + e);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void transposeSatisfiesTheDotProductIdentity(Case c) {
    Fn f = single(c);
    Fn jvp = AD.jvp(f, c.differentiable());
    Fn vjp = AD.vjp(f, c.differentiable());
    Random r = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      double[][] x = draw(c, r);
      double[][] u = new double[c.differentiable().length][];
      for (int k = 0; k < u.length; k++) {
        u[k] = random(r, x[c.differentiable()[k]].length);
      }
      double[] v = random(r, f.outputShapes().get(0).size());
      double[] ju = jvp.call(Stream.concat(Stream.of(x), Stream.of(u)).toArray(double[][]::new))[1];
      double[][] jtv = vjp.call(Stream.concat(Stream.of(x), Stream.of(v)).toArray(double[][]::new));
      assertEquals(u.length, jtv.length);
      double lhs = dot(v, ju);
      double rhs = 0;
      for (int k = 0; k < u.length; k++) {
        rhs += dot(jtv[k], u[k]);
      }
      // <v, J u> = <J^T v, u>
      assertClose(lhs, rhs, 1e-12, 1.0, c + " <v, Ju> vs <J^T v, u>");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void taylorRuleMatchesNestedForwardMode(Case c) {
    Random r = new Random(13);
    double[][] x = draw(c, r);
    double[][] u = new double[x.length][];
    for (int k : c.differentiable()) {
      u[k] = random(r, x[k].length);
    }
    // along a line through x: g(s) = prim(x + s u), differentiated at s = 0
    Fn g =
        Fn.trace(
            "line",
            List.of(new gradgrid.ad.Param("s", Shape.SCALAR)),
            a -> {
              Atom[] in = new Atom[x.length];
              for (int k = 0; k < x.length; k++) {
                Val base = new Val(a[0].builder(), new Lit(c.shapes()[k], x[k]));
                if (u[k] != null) {
                  Lit dir = new Lit(c.shapes()[k], u[k]);
                  base = base.add(new Val(a[0].builder(), dir).mul(a[0]));
                }
                in[k] = base.atom();
              }
              return new Val(a[0].builder(), a[0].builder().emit(c.prim(), in));
            });
    double[][] series = AD.taylor(g, 0, 3).call(new double[] {0.0});
    Fn nested = g;
    for (int j = 1; j <= 3; j++) {
      nested = AD.jacfwd(nested, 0);
      double[] want = nested.call(new double[] {0.0})[0];
      for (int e = 0; e < want.length; e++) {
        assertClose(want[e], series[j][e], 1e-10, 1.0, c + " order " + j + " element " + e);
      }
    }
  }

  private static double[][] shift(double[][] x, int[] which, double[][] u, double h) {
    double[][] y = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i].clone();
    }
    for (int k = 0; k < which.length; k++) {
      for (int e = 0; e < u[k].length; e++) {
        y[which[k]][e] += h * u[k][e];
      }
    }
    return y;
  }

  private static double[] random(Random r, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = 2 * r.nextDouble() - 1;
    }
    return d;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
