package gradgrid.ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.examples.Rational;
import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Outputs by name and shape ({@link Fn#evaluate}) and batches by named columns ({@link
 * Fn#callColumns}), on the worked example against its closed forms: d2f/dalpha_i dbeta_j = -2 Q
 * x^(i+j) / (1 + Q^2)^2 and df/dalpha_i = x^i / (1 + Q^2).
 */
class ResultTest {
  private static final Fn F = Rational.of(5, 5);
  private static final double[] ALPHA = {0.5, -1.2, 0.3, 0.05, -0.01, 0.0008};
  private static final double[] BETA = {0.2, 0.4, -0.3, 0.02, 0.003, -0.0004};

  private static double q(double x) {
    double s = 0;
    for (int j = 5; j >= 0; j--) {
      s = s * x + BETA[j];
    }
    return s;
  }

  @Test
  void hessianBlocksByNameAsMatricesWithTheirShapes() {
    double x = 0.7;
    Result r = AD.hessian(F, 1, 2).evaluate(new double[] {x}, ALPHA, BETA);
    String out = F.outputNames().get(0);
    String block = "d2" + out + "/dalpha dbeta";
    assertEquals(4, r.names().size(), r.names().toString());
    assertTrue(r.names().contains(block), r.names().toString());
    assertEquals(Shape.matrix(6, 6), r.shape(block));
    double[][] h = r.matrix(block);
    double q = q(x);
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        double want = -2 * q * Math.pow(x, i + j) / Math.pow(1 + q * q, 2);
        assertEquals(want, h[i][j], 1e-14, "[" + i + "][" + j + "]");
        assertEquals(h[i][j], r.flat(block)[i * 6 + j], 0.0, "flat view");
      }
    }
    Result g = AD.valueAndGrad(F, 0, 1).evaluate(new double[] {x}, ALPHA, BETA);
    double[] dAlpha = g.vector(g.names().get(2));
    for (int i = 0; i < 6; i++) {
      assertEquals(Math.pow(x, i) / (1 + q * q), dAlpha[i], 1e-15, "df/dalpha_" + i);
    }
    assertEquals(g.scalar(g.names().get(0)), F.callScalar(new double[] {x}, ALPHA, BETA), 0.0);
  }

  @Test
  void readingByTheWrongShapeOrAnUnknownNameSaysWhatThereIs() {
    Result r = AD.hessian(F, 1, 2).evaluate(new double[] {0.7}, ALPHA, BETA);
    String block = r.names().get(1);
    String m = assertThrows(AdException.class, () -> r.vector(block)).getMessage();
    assertTrue(
        m.contains("has shape") && m.contains("not a vector") && m.contains("matrix(name)"), m);
    m = assertThrows(AdException.class, () -> r.matrix("d2f/dgamma")).getMessage();
    assertTrue(
        m.contains("no output named 'd2f/dgamma'; its outputs: " + String.join(", ", r.names())),
        m);
    Fn twice = Fn.concat("twice", F, F);
    Result t = twice.evaluate(new double[] {0.7}, ALPHA, BETA);
    m = assertThrows(AdException.class, () -> t.scalar(F.outputNames().get(0))).getMessage();
    assertTrue(m.contains("has 2 outputs named"), m);
  }

  @Test
  void batchesByNamedColumnsEqualTheFlatCallsRowByRow() {
    Fn h = AD.jit(Fn.concat("all", F, AD.grad(F, 1), AD.hessian(F, 1, 2)));
    List<String> in = h.inputColumns();
    assertEquals("x", in.get(0));
    assertEquals("alpha[0]", in.get(1));
    assertEquals("beta[5]", in.get(12));
    assertEquals(13, in.size());
    List<String> outs = h.outputColumns();
    assertEquals(1 + 6 + 4 * 36, outs.size());
    String out = F.outputNames().get(0);
    assertTrue(outs.contains("d2" + out + "/dalpha dbeta[1][3]"), outs.toString());
    int n = 50;
    Random rnd = new Random(5);
    Map<String, double[]> cols = new HashMap<>();
    for (String c : in) {
      double[] v = new double[n];
      for (int r = 0; r < n; r++) {
        v[r] = rnd.nextGaussian();
      }
      cols.put(c, v);
    }
    Map<String, double[]> got = h.callColumns(cols);
    assertEquals(outs, List.copyOf(got.keySet()));
    for (int r = 0; r < n; r++) {
      double[] a = new double[6];
      double[] b = new double[6];
      for (int i = 0; i < 6; i++) {
        a[i] = cols.get("alpha[" + i + "]")[r];
        b[i] = cols.get("beta[" + i + "]")[r];
      }
      double[][] flat = h.call(new double[] {cols.get("x")[r]}, a, b);
      int c = 0;
      for (double[] block : flat) {
        for (double v : block) {
          assertEquals(
              Double.doubleToRawLongBits(v),
              Double.doubleToRawLongBits(got.get(outs.get(c))[r]),
              outs.get(c) + " row " + r);
          c++;
        }
      }
    }
    assertArrayEquals(
        got.get(outs.get(0)), AD.simplify(F).callColumns(cols).values().iterator().next(), 1e-15);
  }

  @Test
  void badColumnsAreRefusedByName() {
    Map<String, double[]> cols = new HashMap<>();
    for (String c : F.inputColumns()) {
      cols.put(c, new double[3]);
    }
    cols.remove("beta[2]");
    String m = assertThrows(AdException.class, () -> F.callColumns(cols)).getMessage();
    assertTrue(m.contains("input column 'beta[2]' is missing"), m);
    cols.put("beta[2]", new double[4]);
    m = assertThrows(AdException.class, () -> F.callColumns(cols)).getMessage();
    assertTrue(m.contains("'beta[2]' has 4 rows, 'x' has 3"), m);
    cols.put("beta[2]", new double[3]);
    cols.put("gamma", new double[3]);
    m = assertThrows(AdException.class, () -> F.callColumns(cols)).getMessage();
    assertTrue(m.contains("no input column 'gamma'"), m);
  }
}
