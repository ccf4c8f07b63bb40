package gradgrid.ad.prim;

import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Loops;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of primitive kinds: one representative of each, for tests that must cover every
 * primitive and for tools that list them. Adding a primitive means one class and one line here.
 */
public final class Primitives {
  private Primitives() {}

  /**
   * One instance of every primitive (parameterised ones with a sample parameter), and one {@link
   * Unary} and {@link Binary} per line of their rule tables.
   */
  public static final List<Primitive> ALL = all();

  private static List<Primitive> all() {
    List<Primitive> all =
        new ArrayList<>(
            List.of(
                new Add(),
                new Neg(),
                new Mul(),
                new Recip(),
                new IntPow(3),
                new Compare(Compare.Op.LT),
                new Select(),
                new Index(0),
                new Stack(),
                new Broadcast(Shape.vector(3)),
                new Sum(),
                new Dot(),
                new Max(),
                new MatVec(),
                new MatT(),
                new Outer(),
                new Eigvalsh(),
                sampleCustomJvp(),
                new DynIndex(),
                new DynPlace(3)));
    all.addAll(sampleLoops());
    for (UnaryFn f : UnaryFn.values()) {
      all.add(new Unary(f));
    }
    for (BinaryFn f : BinaryFn.values()) {
      all.add(new Binary(f));
    }
    return List.copyOf(all);
  }

  /**
   * {@code sin(a) * b} over two 3-vectors with its true tangent rule {@code cos(a) b t_a + sin(a)
   * t_b}, so the generic rule tests can check a {@link CustomJvp} against finite differences.
   */
  private static CustomJvp sampleCustomJvp() {
    Shape v3 = Shape.vector(3);
    GraphBuilder body = new GraphBuilder("sinTimes");
    Val a = new Val(body, body.addInput(v3));
    Val b = new Val(body, body.addInput(v3));
    Graph f = body.build(List.of(a.sin().mul(b).atom()));
    GraphBuilder rule = new GraphBuilder("sinTimes rule");
    Val[] x = new Val[4];
    for (int i = 0; i < x.length; i++) {
      x[i] = new Val(rule, rule.addInput(v3));
    }
    Val t = x[0].cos().mul(x[1]).mul(x[2]).add(x[0].sin().mul(x[3]));
    return new CustomJvp("sinTimes", f, rule.build(List.of(t.atom())), 0);
  }

  /**
   * The two outputs of a four-step scan (indices 2 to 5) over a scalar and a 2-vector carry closing
   * over a 2-vector {@code k}: the vector carry after the last step and the stacked per-step
   * output, so the generic rule tests check loops (jvp, transpose and Taylor through the body) like
   * any primitive.
   */
  private static List<Loop> sampleLoops() {
    GraphBuilder b = new GraphBuilder("sampleLoop");
    Val a = new Val(b, b.addInput(Shape.SCALAR));
    Val v = new Val(b, b.addInput(Shape.vector(2)));
    Val k = new Val(b, b.addInput(Shape.vector(2)));
    Loops.Scanned s =
        Loops.scan(
            2,
            6,
            new Val[] {a, v},
            (i, c) -> {
              Val next = c[0].mul(c[1].get(0).cos()).add(k.get(1).mul(i).mul(0.1));
              Val vec = c[1].mul(k).mul(0.5).add(c[0].sin());
              return Loops.step(new Val[] {next, vec}, c[0].mul(c[1].get(1)));
            });
    return List.of(
        (Loop) b.definition(s.carry()[1].atom()).prim(),
        (Loop) b.definition(s.stacked()[0].atom()).prim());
  }
}
