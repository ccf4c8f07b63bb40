package gradgrid.ad.compile;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.ad.examples.Rational;
import gradgrid.ad.prim.BinaryFn;
import gradgrid.ad.prim.UnaryFn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rule-table function compiled with its first and second derivatives, bit for bit against the
 * interpreter, NaN, infinities and signed zeros included ({@link JitTest} does the functions alone
 * through the registry).
 */
class RuleTableJitTest {
  @ParameterizedTest
  @EnumSource(UnaryFn.class)
  void unaryWithItsDerivativesMatchesTheInterpreter(UnaryFn f) {
    Fn fn = Fn.trace(f.printed(), List.of(Param.scalar("x")), a -> a[0].apply(f));
    Fn all = Fn.concat("f, f', f''", fn, AD.grad(fn), AD.grad(AD.grad(fn)));
    JitTest.assertSameAsInterpreter(all.graph(), Jit.compile(all), 400, f.ordinal());
  }

  @ParameterizedTest
  @EnumSource(BinaryFn.class)
  void binaryWithItsHessianMatchesTheInterpreter(BinaryFn f) {
    Fn fn =
        Fn.trace(
            f.printed(), List.of(Param.scalar("a"), Param.scalar("b")), a -> a[0].apply(f, a[1]));
    Fn all = Fn.concat("f, grad, hessian", fn, AD.grad(fn, 0, 1), AD.hessian(fn, 0, 1));
    JitTest.assertSameAsInterpreter(all.graph(), Jit.compile(all), 400, f.ordinal());
  }

  @ParameterizedTest
  @EnumSource(UnaryFn.class)
  void unaryTaylorSeriesMatchesTheInterpreter(UnaryFn f) {
    Fn fn = Fn.trace(f.printed(), List.of(Param.scalar("x")), a -> a[0].apply(f));
    Fn t = AD.taylor(fn, 0, 6);
    JitTest.assertSameAsInterpreter(t.graph(), Jit.compile(t), 200, f.ordinal());
  }

  @Test
  void workedExampleTaylorSeriesMatchesTheInterpreter() {
    Fn t = AD.taylor(Rational.of(5, 5), 0, 8);
    JitTest.assertSameAsInterpreter(t.graph(), Jit.compile(t), 500, 8);
  }
}
