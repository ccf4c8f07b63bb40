package gradgrid.job.run;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gradgrid.ad.Param;
import gradgrid.ad.lang.Lang;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.grid.ValueList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/** Output layout of mixed scalar/vector requests, against hand-written derivatives. */
class AdPlanTest {
  // f(x, a) = a0 x^2 + x a1^2, every element on an axis: input columns x, a_0, a_1
  private final AdEvaluatorFactory factory =
      new AdEvaluatorFactory(
          Lang.parse("f", "a[0] * x^2 + x * a[1]^2", Param.scalar("x"), Param.vector("a", 2)),
          List.of(
              new InputBinding.WholeAxis(
                  Param.scalar("x"), new ValueList(new AxisInput.Whole("x"), new double[] {0})),
              new InputBinding.ElementAxes(
                  Param.vector("a", 2),
                  new double[] {0, 0},
                  List.of(
                      new ValueList(new AxisInput.Element("a", 0), new double[] {0}),
                      new ValueList(new AxisInput.Element("a", 1), new double[] {0})))),
          List.of(
              new OutputSpec.Hessian("x", "a"),
              new OutputSpec.Eigenvalues(List.of("x", "a")),
              new OutputSpec.Derivative("x", 2)));

  @Test
  void mixedHessianBlocksAndEigenvalues() {
    double x = 0.7;
    double a0 = -1.3;
    double a1 = 2.1;
    assertEquals(3, factory.inputWidth());
    assertEquals(2 + 3 + 1, factory.outputWidth());
    double[][] in = {{x, 0}, {a0, 0}, {a1, 0}};
    double[][] out = new double[6][2];
    factory.create().evaluate(in, out, 1);
    // hessian(x, a) = [d2f/dx da0, d2f/dx da1] = [2x, 2 a1]
    assertClose(2 * x, out[0][0], 1e-14, "d2f/dx da0");
    assertClose(2 * a1, out[1][0], 1e-14, "d2f/dx da1");
    // Full Hessian over (x, a0, a1): [[2 a0, 2x, 2 a1], [2x, 0, 0], [2 a1, 0, 2x]]
    double[][] h = {{2 * a0, 2 * x, 2 * a1}, {2 * x, 0, 0}, {2 * a1, 0, 2 * x}};
    double[] ref =
        new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(h)).getEigenvalues();
    Arrays.sort(ref);
    for (int i = 0; i < 3; i++) {
      assertClose(ref[i], out[2 + i][0], 1e-12, "eigenvalue " + i);
    }
    // f'' = 2 a0
    assertClose(2 * a0, out[5][0], 1e-14, "d2f/dx2");
  }
}
