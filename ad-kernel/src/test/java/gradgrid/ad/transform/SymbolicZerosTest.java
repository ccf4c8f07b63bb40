package gradgrid.ad.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.Lit;
import gradgrid.ad.prim.Mul;
import org.junit.jupiter.api.Test;

/** Symbolic zeros: derivatives w.r.t. some arguments do no work for the others (graph sizes). */
class SymbolicZerosTest {
  private static final Fn F = Rational.of(5, 5);

  @Test
  void gradientInAlphaDoesNoXTangentWork() {
    Fn ga = AD.grad(F, 1);
    // x-tangent work multiplies by the constants of the power rule (n x^(n-1)) and of Q^2 (2 Q);
    // df/dalpha_i = x^i / D needs none of them
    assertEquals(0, literalProducts(ga), ga.toString());
    assertTrue(literalProducts(AD.grad(F, 0)) > 0);
    assertTrue(ga.eqnCount() < F.eqnCount(), "grad w.r.t. alpha is smaller than f itself:\n" + ga);
    assertTrue(AD.grad(F, 0).eqnCount() > F.eqnCount());
  }

  @Test
  void alphaAlphaHessianBlockIsStructurallyZero() {
    Fn h = AD.hessian(F, 1);
    // f is linear in alpha, so the block is a literal: no equations at all
    assertEquals(0, h.eqnCount(), h.toString());
    assertTrue(h.graph().outputs().get(0) instanceof Lit l && l.isAll(0.0));
  }

  @Test
  void jvpWithoutATangentForAnArgumentDoesLessWork() {
    Fn beta = AD.jvp(F, 2);
    Fn all = AD.jvp(F, 0, 1, 2);
    assertTrue(beta.eqnCount() < all.eqnCount(), beta.eqnCount() + " vs " + all.eqnCount());
    // only the 2 of d(Q^2) = 2 Q dQ; the power rule for x (n x^(n-1)) would add four more
    assertEquals(1, literalProducts(beta), beta.toString());
    assertEquals(5, literalProducts(AD.jvp(F, 0)));
  }

  private static long literalProducts(Fn f) {
    return f.graph().eqns().stream()
        .filter(e -> e.prim() instanceof Mul && e.inputs().stream().anyMatch(a -> a instanceof Lit))
        .count();
  }
}
