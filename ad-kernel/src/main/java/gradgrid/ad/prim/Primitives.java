package gradgrid.ad.prim;

import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Shape;
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
                sampleCustomJvp()));
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
}
