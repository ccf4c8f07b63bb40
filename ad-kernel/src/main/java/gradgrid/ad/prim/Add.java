package gradgrid.ad.prim;

import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.function.IntFunction;

/** Elementwise {@code a + b}; linear in both inputs. */
public record Add() implements Primitive {
  @Override
  public String name() {
    return "add";
  }

  @Override
  public Shape shape(Shape... in) {
    return Elementwise.same(2, in);
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Elementwise.zip(in[0], in[1], (a, b) -> a + b);
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    return Val.addTangents(t[0], t[1]);
  }

  @Override
  public Val[] transpose(Val ct, Val[] x, Shape[] shapes, boolean[] linear) {
    return new Val[] {linear[0] ? ct : null, linear[1] ? ct : null};
  }

  @Override
  public boolean commutative() {
    return true;
  }

  @Override
  public int[] lower(ScalarEmitter s, Eqn e, int[][] in) {
    return s.zip(in[0], in[1], s::add);
  }

  @Override
  public IntFunction<Val> taylor(Series.Context c, Series[] x, Series y) {
    return m -> Val.addTangents(x[0].coeff(m), x[1].coeff(m));
  }
}
