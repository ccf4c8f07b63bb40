package gradgrid.ad.prim;

import java.util.List;

/**
 * The registry of primitive kinds: one representative of each, for tests that must cover every
 * primitive and for tools that list them. Adding a primitive means one class and one line here.
 */
public final class Primitives {
  private Primitives() {}

  /** One instance of every primitive (parameterised ones with a sample parameter). */
  public static final List<Primitive> ALL =
      List.of(
          new Add(),
          new Neg(),
          new Mul(),
          new Recip(),
          new IntPow(3),
          new Pow(),
          new Exp(),
          new Log(),
          new Sin(),
          new Cos(),
          new Tanh(),
          new Sqrt(),
          new Compare(Compare.Op.LT),
          new Select(),
          new Index(0),
          new Stack(),
          new Broadcast(gradgrid.ad.ir.Shape.vector(3)),
          new Sum(),
          new Dot(),
          new Max());
}
