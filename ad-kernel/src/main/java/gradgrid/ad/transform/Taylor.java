package gradgrid.ad.transform;

import gradgrid.ad.ir.Atom;
import gradgrid.ad.ir.Eqn;
import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.GraphBuilder;
import gradgrid.ad.ir.Var;
import gradgrid.ad.prim.Loop;
import gradgrid.ad.trace.Series;
import gradgrid.ad.trace.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Taylor mode: pushes truncated Taylor series through a graph, order by order, with each
 * primitive's Taylor rule ({@link gradgrid.ad.prim.Primitive#taylor}). One pass gives every
 * coefficient up to the order asked; products are Cauchy products (O(k^2) work at order k), and
 * smooth elementwise functions follow {@code y' = f'(x) x'} with the series of the table's
 * derivative, itself a graph pushed through the same way (so rules stay a few lines and no function
 * needs its own recurrence). Coefficients are symbolic: null is an exact zero.
 */
public final class Taylor implements Series.Context {
  private final GraphBuilder b;
  private final Graph g;
  private final Map<Var, Coefficients> series = new HashMap<>();
  private final Map<Var, Series> inputSeries = new HashMap<>();
  private final List<IntFunction<Val>> rules = new ArrayList<>();
  private final Series[] outputs;
  private int order = -1;

  /** The series of one value: the coefficients made so far. */
  private final class Coefficients implements Series {
    final List<Val> c = new ArrayList<>();

    @Override
    public Val coeff(int j) {
      if (j >= c.size()) {
        advanceTo(j);
      }
      return c.get(j);
    }
  }

  /** A series given from outside (an input), known to any order. */
  private record Given(Val[] coeffs) implements Series {
    @Override
    public Val coeff(int j) {
      return j < coeffs.length ? coeffs[j] : null;
    }
  }

  private Taylor(GraphBuilder b, Graph g, Series[] inputs) {
    this.b = b;
    this.g = g;
    for (int i = 0; i < inputs.length; i++) {
      inputSeries.put(g.inputs().get(i), inputs[i]);
    }
    for (Eqn e : g.eqns()) {
      series.put(e.out(), new Coefficients());
    }
    this.outputs = g.outputs().stream().map(this::seriesOf).toArray(Series[]::new);
  }

  /**
   * The Taylor series of {@code g}'s outputs, emitted into {@code b}, given the series of its
   * inputs ({@code inputs[i].coeff(0)} is input i's value).
   */
  public static Series[] apply(GraphBuilder b, Graph g, Series[] inputs) {
    return new Taylor(b, g, inputs).outputs;
  }

  /** A series with the given coefficients and zeros after them. */
  public static Series given(Val... coeffs) {
    return new Given(coeffs.clone());
  }

  private Series seriesOf(Atom a) {
    if (a instanceof Var v) {
      Series s = series.get(v);
      return s != null ? s : inputSeries.get(v);
    }
    return new Given(new Val[] {new Val(b, a)});
  }

  @Override
  public Series of(Function<Val[], Val> f, Series... in) {
    GraphBuilder sub = new GraphBuilder(b.context());
    Val[] x = new Val[in.length];
    for (int i = 0; i < in.length; i++) {
      x[i] = new Val(sub, sub.addInput(in[i].coeff(0).shape()));
    }
    Graph h = sub.build(List.of(f.apply(x).atom()));
    return apply(b, h, in)[0];
  }

  private void advanceTo(int j) {
    while (order < j) {
      advance(order + 1);
    }
  }

  /** Makes coefficient {@code m} of every equation's output. */
  private void advance(int m) {
    order = m;
    List<Eqn> eqns = g.eqns();
    for (int k = 0; k < eqns.size(); k++) {
      Eqn e = eqns.get(k);
      Coefficients out = series.get(e.out());
      if (m == 0) {
        Atom[] atoms =
            e.inputs().stream().map(a -> seriesOf(a).coeff(0).atom()).toArray(Atom[]::new);
        out.c.add(new Val(b, b.emit(e.prim(), atoms)));
        continue;
      }
      if (m == 1) {
        Series[] x = e.inputs().stream().map(this::seriesOf).toArray(Series[]::new);
        rules.add(
            e.prim() instanceof Loop l
                ? LoopRules.taylor(l, x, out)
                : e.prim().taylor(this, x, out));
      }
      out.c.add(Jvp.symbolic(rules.get(k).apply(m)));
    }
  }
}
