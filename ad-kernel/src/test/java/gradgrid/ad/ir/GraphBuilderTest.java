package gradgrid.ad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.prim.Add;
import gradgrid.ad.prim.Index;
import gradgrid.ad.prim.Mul;
import gradgrid.ad.prim.Neg;
import gradgrid.ad.prim.Recip;
import gradgrid.ad.prim.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clean-up on emission: CSE, exact constant folding, exact identities, dead-code elimination. */
class GraphBuilderTest {
  @Test
  void commonSubexpressionsAreSharedIncludingCommutedOperands() {
    GraphBuilder b = new GraphBuilder("t");
    Var x = b.addInput(Shape.SCALAR);
    Var y = b.addInput(Shape.SCALAR);
    Atom a = b.emit(new Mul(), x, y);
    assertSame(a, b.emit(new Mul(), x, y));
    assertSame(a, b.emit(new Mul(), y, x));
    Graph g = b.build(List.of(b.emit(new Add(), a, a)));
    assertEquals(2, g.eqns().size(), g.toString());
  }

  @Test
  void constantsFoldExactly() {
    GraphBuilder b = new GraphBuilder("t");
    Atom r = b.emit(new Add(), Lit.scalar(0.1), Lit.scalar(0.2));
    assertEquals(Lit.scalar(0.1 + 0.2), r);
    assertEquals(
        Lit.scalar(Double.NaN), b.emit(new Mul(), Lit.scalar(Double.NaN), Lit.scalar(0.0)));
  }

  @Test
  void multiplicationByZeroIsNeverFolded() {
    GraphBuilder b = new GraphBuilder("t");
    Var x = b.addInput(Shape.SCALAR);
    Atom r = b.emit(new Mul(), x, Lit.scalar(0.0));
    assertTrue(r instanceof Var, "x*0 must stay a multiplication: x may be NaN or infinite");
    Graph g = b.build(List.of(r));
    assertTrue(Double.isNaN(Interpreter.eval(g, new double[] {Double.POSITIVE_INFINITY})[0][0]));
    assertEquals(-0.0, Interpreter.eval(g, new double[] {-1.0})[0][0], 0.0);
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(Interpreter.eval(g, new double[] {-1.0})[0][0]));
  }

  @Test
  void exactIdentitiesSimplify() {
    GraphBuilder b = new GraphBuilder("t");
    Var x = b.addInput(Shape.SCALAR);
    Var y = b.addInput(Shape.SCALAR);
    assertSame(x, b.emit(new Mul(), x, Lit.scalar(1.0)));
    assertSame(x, b.emit(new Neg(), b.emit(new Neg(), x)));
    Atom s = b.emit(new Stack(), x, y);
    assertSame(y, b.emit(new Index(1), s));
    assertTrue(
        b.emit(new Add(), x, Lit.scalar(0.0)) instanceof Var v && v != x, "x+0 is kept (-0.0)");
  }

  @Test
  void deadCodeIsDroppedAndVariablesRenumbered() {
    GraphBuilder b = new GraphBuilder("t");
    Var x = b.addInput(Shape.SCALAR);
    b.emit(new Recip(), x);
    Atom kept = b.emit(new Neg(), x);
    Graph g = b.build(List.of(kept));
    assertEquals(1, g.eqns().size());
    assertEquals("{ lambda v0:f64 . let\n    v1:f64 = neg v0\n  in (v1) }", g.toString());
  }

  @Test
  void typecheckRejectsIllFormedGraphs() {
    Var x = new Var(0, Shape.SCALAR);
    Var y = new Var(1, Shape.vector(2));
    Graph useBeforeDef =
        new Graph(
            List.of(x),
            List.of(new Eqn(new Neg(), List.of(y), new Var(2, Shape.vector(2)))),
            List.of(x));
    assertTrue(
        assertThrows(AdException.class, useBeforeDef::typecheck)
            .getMessage()
            .contains("before it is defined"));
    Graph wrongShape =
        new Graph(
            List.of(x),
            List.of(new Eqn(new Neg(), List.of(x), new Var(2, Shape.vector(2)))),
            List.of(x));
    String msg = assertThrows(AdException.class, wrongShape::typecheck).getMessage();
    assertTrue(msg.contains("declared f64[2] but neg gives f64") && msg.contains("{ lambda"), msg);
  }
}
