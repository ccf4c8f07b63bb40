package gradgrid.ad.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import gradgrid.ad.AD;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.prim.Compare;
import gradgrid.ad.prim.IntPow;
import gradgrid.ad.prim.Primitive;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel key: equal for graphs built twice, different when any primitive's field, a literal's
 * bits or the structure differs.
 */
class GraphHashTest {
  private static Graph unary(Primitive p) {
    GraphBuilder b = new GraphBuilder("test");
    Atom x = b.addInput(Shape.SCALAR);
    return b.build(List.of(b.emit(p, x)));
  }

  private static Graph binary(Primitive p, double c) {
    GraphBuilder b = new GraphBuilder("test");
    Atom x = b.addInput(Shape.SCALAR);
    return b.build(List.of(b.emit(p, x, Lit.scalar(c))));
  }

  @Test
  void equalGraphsGetEqualKeys() {
    assertEquals(
        GraphHash.of(AD.hessian(Rational.of(5, 5), 1, 2).graph(), ""),
        GraphHash.of(AD.hessian(Rational.of(5, 5), 1, 2).graph(), ""));
  }

  @Test
  void everyFieldOfAPrimitiveIsInTheKey() {
    assertNotEquals(GraphHash.of(unary(new IntPow(2)), ""), GraphHash.of(unary(new IntPow(3)), ""));
    assertEquals(GraphHash.of(unary(new IntPow(3)), ""), GraphHash.of(unary(new IntPow(3)), ""));
    assertNotEquals(
        GraphHash.of(binary(new Compare(Compare.Op.values()[0]), 1), ""),
        GraphHash.of(binary(new Compare(Compare.Op.values()[1]), 1), ""));
  }

  @Test
  void literalsAreKeyedByTheirBits() {
    Primitive lt = new Compare(Compare.Op.values()[0]);
    assertNotEquals(GraphHash.of(binary(lt, 0.0), ""), GraphHash.of(binary(lt, -0.0), ""));
    assertNotEquals(
        GraphHash.of(binary(lt, 0.1), ""), GraphHash.of(binary(lt, Math.nextUp(0.1)), ""));
  }

  @Test
  void theSaltIsInTheKey() {
    Graph g = unary(new IntPow(2));
    assertNotEquals(GraphHash.of(g, "dgemmMin=1"), GraphHash.of(g, "dgemmMin=2"));
  }
}
