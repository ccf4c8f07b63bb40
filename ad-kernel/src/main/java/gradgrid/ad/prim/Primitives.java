package gradgrid.ad.prim;

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
                new Broadcast(gradgrid.ad.ir.Shape.vector(3)),
                new Sum(),
                new Dot(),
                new Max(),
                new MatVec(),
                new MatT(),
                new Outer(),
                new Eigvalsh()));
    for (UnaryFn f : UnaryFn.values()) {
      all.add(new Unary(f));
    }
    for (BinaryFn f : BinaryFn.values()) {
      all.add(new Binary(f));
    }
    return List.copyOf(all);
  }
}
