package gradgrid.ad;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.trace.Val;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad uses of the transforms: each a clear exception naming the function, argument and shapes. */
class ErrorsTest {
  private static final Fn F = Rational.of(5, 5);

  private static String message(Executable e) {
    return assertThrows(AdException.class, e).getMessage();
  }

  private static void assertMentions(String msg, String... parts) {
    for (String p : parts) {
      assertTrue(msg.contains(p), "message should mention '" + p + "':\n" + msg);
    }
  }

  @Test
  void gradOfANonScalarOutput() {
    String msg = message(() -> AD.grad(AD.grad(F, 1)));
    assertMentions(
        msg,
        "grad of 'grad(f, argnums=[1])'",
        "one scalar output",
        "df/dalpha:f64[6]",
        "jacfwd or jacrev",
        "{ lambda");
  }

  @Test
  void gradOfSeveralOutputs() {
    String msg = message(() -> AD.grad(AD.grad(F, 1, 2)));
    assertMentions(msg, "df/dalpha:f64[6], df/dbeta:f64[6]");
  }

  @Test
  void argnumsOutOfRange() {
    String msg = message(() -> AD.grad(F, 3));
    assertMentions(
        msg, "grad of 'f'", "argnums 3 is out of range", "x:f64, alpha:f64[6], beta:f64[6]");
    assertMentions(message(() -> AD.hessian(F, -1)), "argnums -1 is out of range");
  }

  @Test
  void argnumsRepeated() {
    String msg = message(() -> AD.jacfwd(F, 1, 2, 1));
    assertMentions(msg, "jacfwd of 'f'", "argnums 1 ('alpha') is repeated in [1, 2, 1]");
  }

  @Test
  void vectorOfTheWrongLength() {
    String msg = message(() -> F.call(new double[] {0.5}, new double[5], new double[6]));
    assertMentions(
        msg, "function 'f'", "argument 'alpha' has shape f64[6] (6 values), got 5 values");
  }

  @Test
  void vectorOfTheWrongLengthInsideATrace() {
    String msg =
        message(
            () ->
                Fn.trace(
                    "g",
                    List.of(Param.scalar("x"), Param.vector("a", 5), Param.vector("b", 6)),
                    a -> F.apply(a)[0]));
    assertMentions(msg, "function 'f'", "argument 'alpha' must be f64[6], got f64[5]");
  }

  @Test
  void mismatchedVectorsInATrace() {
    String msg =
        message(
            () ->
                Fn.trace(
                    "h",
                    List.of(Param.vector("u", 3), Param.vector("w", 4)),
                    a -> a[0].add(a[1]).sum()));
    assertMentions(
        msg,
        "in function 'h'",
        "add cannot take arguments of shapes [f64[3], f64[4]]",
        "the graph so far");
  }

  @Test
  void literalNanWhereAShapeWasExpected() {
    String msg = message(() -> Param.vector("alpha", Double.NaN));
    assertMentions(
        msg, "parameter 'alpha'", "positive integer, got NaN", "where a shape was expected");
    assertMentions(message(() -> Param.vector("beta", 2.5)), "got 2.5");
  }

  @Test
  void indexOutOfRange() {
    String msg = message(() -> Fn.trace("k", List.of(Param.vector("c", 3)), a -> a[0].get(3)));
    assertMentions(msg, "in function 'k'", "index 3 is out of range for f64[3]");
  }

  @Test
  void valuesFromTwoTraces() {
    Val[] leaked = new Val[1];
    Fn.trace("first", List.of(Param.scalar("x")), a -> leaked[0] = a[0]);
    String msg =
        message(() -> Fn.trace("second", List.of(Param.scalar("y")), a -> a[0].add(leaked[0])));
    assertMentions(msg, "in function 'second'", "two different traces");
  }

  @Test
  void duplicateParameterNames() {
    String msg =
        message(() -> Fn.trace("d", List.of(Param.scalar("x"), Param.scalar("x")), a -> a[0]));
    assertMentions(msg, "two parameters named 'x'");
  }

  @Test
  void derivativeNeedsAScalarArgumentAndAPositiveOrder() {
    assertMentions(message(() -> AD.derivative(F, 1, 1)), "derivative of 'f'", "'alpha' is f64[6]");
    assertMentions(message(() -> AD.derivative(F, 0, 0)), "order must be at least 1, got 0");
  }

  @Test
  void jacobianOfRankThree() {
    Fn g = Fn.trace("m", List.of(Param.vector("v", 2)), a -> Val.stack(a[0], a[0]));
    assertMentions(message(() -> AD.jacfwd(g)), "would have rank 3");
  }
}
