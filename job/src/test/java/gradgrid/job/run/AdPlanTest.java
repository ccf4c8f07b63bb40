package gradgrid.job.run;

import static gradgrid.ad.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.lang.Lang;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.grid.AxisInput;
import gradgrid.job.grid.ValueList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/**
 * Output layout of mixed scalar/vector requests against hand-written derivatives, and high orders
 * (one Taylor pass) against Hipparchus.
 */
class AdPlanTest {
  // f(x, a) = a0 x^2 + x a1^2, every element on an axis: input columns x, a_0, a_1
  private final AdEvaluatorFactory factory =
      new AdEvaluatorFactory(
          function(),
          bindings(),
          List.of(
              new OutputSpec.Hessian("x", "a"),
              new OutputSpec.Eigenvalues(List.of("x", "a")),
              new OutputSpec.Derivative("x", 2)));

  private static Fn function() {
    return Lang.parse("f", "a[0] * x^2 + x * a[1]^2", Param.scalar("x"), Param.vector("a", 2));
  }

  private static List<InputBinding> bindings() {
    return List.of(
        new InputBinding.WholeAxis(
            Param.scalar("x"), new ValueList(new AxisInput.Whole("x"), new double[] {0})),
        new InputBinding.ElementAxes(
            Param.vector("a", 2),
            new double[] {0, 0},
            List.of(
                new ValueList(new AxisInput.Element("a", 0), new double[] {0}),
                new ValueList(new AxisInput.Element("a", 1), new double[] {0}))));
  }

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

  @Test
  void gradOfSeveralInputsIsOneReversePassInListedOrder() {
    AdEvaluatorFactory grads =
        new AdEvaluatorFactory(
            function(), bindings(), List.of(new OutputSpec.Grad(List.of("x", "a"))));
    double x = 0.7;
    double a0 = -1.3;
    double a1 = 2.1;
    double[][] out = new double[3][1];
    grads.create().evaluate(new double[][] {{x}, {a0}, {a1}}, out, 1);
    assertClose(2 * a0 * x + a1 * a1, out[0][0], 1e-14, "df/dx");
    assertClose(x * x, out[1][0], 1e-14, "df/da0");
    assertClose(2 * x * a1, out[2][0], 1e-14, "df/da1");
  }

  @Test
  void highOrdersComeFromOneTaylorPassAndMatchHipparchus() {
    int k = 8;
    Fn g =
        Lang.parse(
            "g",
            "exp(a[0] * x) * sin(x) / (1 + x^2) + a[1]",
            Param.scalar("x"),
            Param.vector("a", 2));
    List<OutputSpec> outs = new ArrayList<>();
    outs.add(new OutputSpec.Value());
    for (int j = k; j >= 1; j--) {
      outs.add(new OutputSpec.Derivative("x", j));
    }
    AdPlan plan = AdPlan.of(g, outs);
    Fn[] nested = new Fn[k + 1];
    nested[0] = g;
    for (int j = 1; j <= k; j++) {
      nested[j] = AD.derivative(g, 0, j);
    }
    assertTrue(
        plan.fn().eqnCount() < AD.simplify(Fn.concat("nested", nested)).eqnCount(),
        "order " + k + " is one Taylor pass, smaller than nested forward mode");
    DSFactory ds = new DSFactory(1, k);
    for (double x : new double[] {-2.5, 0, 0.3, 1.7}) {
      double a0 = 0.4;
      double a1 = -0.9;
      double[][] all = plan.fn().call(new double[] {x}, new double[] {a0, a1});
      DerivativeStructure t = ds.variable(0, x);
      DerivativeStructure ref =
          t.multiply(a0).exp().multiply(t.sin()).divide(t.multiply(t).add(1)).add(a1);
      assertClose(ref.getValue(), all[0][0], 1e-14, "f at " + x);
      for (int j = 1; j <= k; j++) {
        double want = ref.getPartialDerivative(j);
        assertClose(
            want, all[1 + k - j][0], 1e-11 * Math.max(1, Math.abs(want)), "d" + j + " at " + x);
      }
    }
  }

  @Test
  void severalGradientRequestsShareOneReversePassThroughALoop() {
    Fn f =
        Lang.parse(
            "lv",
            "fori(0, 50, s0, (i, s) -> s + 0.01 * [a * s[0] - b * s[0] * s[1], b * s[0] * s[1]"
                + " - c * s[1]])[0]",
            Param.scalar("a"),
            Param.scalar("b"),
            Param.scalar("c"),
            Param.vector("s0", 2));
    List<OutputSpec> outputs =
        List.of(
            new OutputSpec.Value(),
            new OutputSpec.Grad(List.of("a")),
            new OutputSpec.Grad(List.of("s0", "b")),
            new OutputSpec.Grad(List.of("c")));
    AdPlan plan = AdPlan.of(f, outputs);
    Fn separate = AD.simplify(Fn.concat("sep", f, AD.grad(f, 0), AD.grad(f, 3, 1), AD.grad(f, 2)));
    assertTrue(
        plan.fn().eqnCount() < separate.eqnCount(),
        plan.fn().eqnCount() + " equations against " + separate.eqnCount());
    assertEquals(List.of(1, 1, 3, 1), Arrays.stream(plan.sizes()).boxed().toList());
    double[][] args = {{1.1}, {0.4}, {0.3}, {10, 5}};
    double[][] got = plan.fn().call(args);
    double[][] want = separate.call(args);
    assertEquals(want.length, got.length);
    for (int k = 0; k < want.length; k++) {
      assertEquals(Arrays.toString(want[k]), Arrays.toString(got[k]), "output " + k);
    }
  }
}
