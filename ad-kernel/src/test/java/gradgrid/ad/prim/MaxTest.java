package gradgrid.ad.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.compile.Jit;
import gradgrid.ad.compile.Kernel;
import gradgrid.ad.trace.Val;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Max}: IEEE values, derivatives off ties against the chosen branch, ties shared evenly. */
class MaxTest {
  private static final Fn MAX =
      Fn.trace("m", List.of(Param.scalar("a"), Param.scalar("b")), v -> v[0].max(v[1]));
  private static final Fn MIN =
      Fn.trace("m", List.of(Param.scalar("a"), Param.scalar("b")), v -> v[0].min(v[1]));
  private static final Fn ABS = Fn.trace("m", List.of(Param.scalar("a")), v -> v[0].abs());

  private static double at(Fn f, double... xs) {
    double[][] args = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      args[i] = new double[] {xs[i]};
    }
    return f.callScalar(args);
  }

  @Test
  void valuesFollowMathMaxAndMin() {
    assertEquals(3.0, at(MAX, 3, -1));
    assertEquals(Double.NaN, at(MAX, Double.NaN, 1));
    assertEquals(Double.NaN, at(MAX, 1, Double.NaN));
    assertEquals(0.0, at(MAX, -0.0, 0.0)); // +0.0 > -0.0
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(at(MAX, -0.0, 0.0)));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(at(MIN, 0.0, -0.0)));
    assertEquals(-1.0, at(MIN, 3, -1));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(at(ABS, -0.0)));
    assertEquals(Double.POSITIVE_INFINITY, at(ABS, Double.NEGATIVE_INFINITY));
  }

  @Test
  void derivativeFollowsTheLargerArgumentAndIsSharedAtTies() {
    Fn da = AD.grad(MAX, 0);
    Fn db = AD.grad(MAX, 1);
    assertEquals(1.0, at(da, 2, 1));
    assertEquals(0.0, at(db, 2, 1));
    assertEquals(0.0, at(da, 1, 2));
    assertEquals(1.0, at(db, 1, 2));
    // d max(a, b) at a == b: (da + db) / 2
    assertEquals(0.5, at(da, 1, 1));
    assertEquals(0.5, at(db, 1, 1));
    assertEquals(0.5, at(AD.grad(MIN, 0), 1, 1));
    // forward mode agrees with reverse mode at the tie
    assertEquals(1.0, AD.jvp(MAX, 0, 1).call(new double[][] {{1}, {1}, {1}, {1}})[1][0]);
  }

  @Test
  void absHasDerivativeSignAndZeroAtZero() {
    Fn d = AD.grad(ABS);
    assertEquals(1.0, at(d, 2.5));
    assertEquals(-1.0, at(d, -2.5));
    assertEquals(0.0, at(d, 0.0));
    assertEquals(0.0, at(d, -0.0));
    assertEquals(0.0, at(AD.grad(d), 0.5));
  }

  @Test
  void compiledMaxAndMinAreMathMaxAndMinBitForBitWithoutAnEvaluator() {
    double[] v = {
      Double.NaN,
      Double.NEGATIVE_INFINITY,
      -2.5,
      -1,
      -Double.MIN_VALUE,
      -0.0,
      0.0,
      Double.MIN_VALUE,
      1,
      2.5,
      Double.MAX_VALUE,
      Double.POSITIVE_INFINITY
    };
    int rows = v.length * v.length;
    double[][] in = new double[2][rows];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        in[0][i * v.length + j] = v[i];
        in[1][i * v.length + j] = v[j];
      }
    }
    Fn both =
        Fn.trace(
            "m",
            List.of(Param.scalar("a"), Param.scalar("b")),
            x -> Val.stack(x[0].max(x[1]), x[0].min(x[1]), x[0].abs()));
    Kernel k = Jit.compileUncached(both.graph());
    assertFalse(k.source().contains("PrimCall"), "max lowered, not evaluated:\n" + k.source());
    double[][] out = new double[3][rows];
    k.run(in, out, 0, rows);
    for (int r = 0; r < rows; r++) {
      double a = in[0][r];
      double b = in[1][r];
      String at = "a = " + a + ", b = " + b;
      assertEquals(Double.doubleToLongBits(Math.max(a, b)), Double.doubleToLongBits(out[0][r]), at);
      assertEquals(Double.doubleToLongBits(Math.min(a, b)), Double.doubleToLongBits(out[1][r]), at);
      assertEquals(Double.doubleToLongBits(Math.abs(a)), Double.doubleToLongBits(out[2][r]), at);
    }
  }
}
