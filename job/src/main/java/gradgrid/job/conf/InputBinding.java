package gradgrid.job.conf;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.Param;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.AxisInput;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a sweep sets one parameter of its function: to a fixed value, along one grid axis, (a vector)
 * to fixed values with some elements along axes, (a sampled vector) every element along an axis, or
 * from a column of the rows it is evaluated on (a {@code from-table} sweep's table). A sweep has
 * one binding per parameter, in call order; the grid's axes are theirs, in the same order. Sampled
 * inputs are bound the same way: their axes are {@link gradgrid.job.grid.SampledAxis}es.
 */
public sealed interface InputBinding {
  /**
   * The parameter this binding sets.
   *
   * @return the function's parameter
   */
  Param param();

  /**
   * The grid axes this parameter's values come from, in element order.
   *
   * @return the axes, empty for a fixed input
   */
  List<Axis> axes();

  /**
   * Fixes this input in a function of the parameters (with {@link AD#fix}): a fixed value becomes a
   * literal; an axis stays a scalar parameter, named by its column ({@code x}, {@code alpha_1}), in
   * this parameter's place.
   *
   * @param f a function taking this binding's parameter
   * @return {@code f} taking this binding's axes instead
   */
  Fn bind(Fn f);

  /**
   * A parameter held at one value on every row.
   *
   * @param param the parameter
   * @param value its value, row-major
   */
  record Fixed(Param param, double[] value) implements InputBinding {
    /**
     * Copies the value.
     *
     * @param param the parameter
     * @param value its value, {@code param}'s size many numbers
     */
    public Fixed {
      value = value.clone();
    }

    @Override
    public double[] value() {
      return value.clone();
    }

    @Override
    public List<Axis> axes() {
      return List.of();
    }

    @Override
    public Fn bind(Fn f) {
      return AD.fix(f, param.name(), value);
    }
  }

  /**
   * A scalar parameter that takes the values of one axis.
   *
   * @param param the scalar parameter
   * @param axis its axis
   */
  record WholeAxis(Param param, Axis axis) implements InputBinding {
    @Override
    public List<Axis> axes() {
      return List.of(axis);
    }

    /** The parameter stays as it is: its name is its axis's column. */
    @Override
    public Fn bind(Fn f) {
      return f;
    }
  }

  /**
   * A vector parameter with some elements on axes and the others fixed.
   *
   * @param param the vector parameter
   * @param values the vector as the conf lists it; the elements the axes drive take the axes'
   *     values instead
   * @param axes the element axes (each drives an {@link AxisInput.Element} of {@code param}), in
   *     element order (at least one)
   */
  record ElementAxes(Param param, double[] values, List<Axis> axes) implements InputBinding {
    /**
     * Copies the values and the axes.
     *
     * @param param the vector parameter
     * @param values the vector as the conf lists it
     * @param axes the element axes, in element order
     */
    public ElementAxes {
      values = values.clone();
      axes = List.copyOf(axes);
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    /**
     * The vector element an element axis drives.
     *
     * @param axis an axis driving one element of a vector
     * @return the element index
     */
    public static int element(Axis axis) {
      return ((AxisInput.Element) axis.input()).index();
    }

    @Override
    public Fn bind(Fn f) {
      return AD.fix(f, param.name(), values, free(axes));
    }

    /** Each axis's element, with its column as the name of the new scalar parameter. */
    static Map<Integer, String> free(List<Axis> axes) {
      Map<Integer, String> free = new TreeMap<>();
      for (Axis a : axes) {
        free.put(element(a), a.column());
      }
      return free;
    }
  }

  /**
   * A vector parameter with every element on an axis (a sampled vector: one {@link
   * gradgrid.job.grid.SampledAxis} per element).
   *
   * @param param the vector parameter
   * @param axes one axis per element, in element order
   */
  record VectorAxes(Param param, List<Axis> axes) implements InputBinding {
    /**
     * Copies the axes.
     *
     * @param param the vector parameter
     * @param axes one axis per element, in element order
     */
    public VectorAxes {
      axes = List.copyOf(axes);
    }

    /** Every element becomes a scalar parameter named by its column ({@code alpha_0} ...). */
    @Override
    public Fn bind(Fn f) {
      return AD.fix(f, param.name(), new double[param.shape().size()], ElementAxes.free(axes));
    }
  }

  /**
   * A parameter read from a column of the rows it is evaluated on: a {@code from-table} sweep's
   * table, or a DataFrame's column in {@code Gradgrid.evaluate}. The kernel reads it as one column
   * per scalar element, in element order.
   *
   * @param param the parameter
   */
  record Column(Param param) implements InputBinding {
    @Override
    public List<Axis> axes() {
      return List.of();
    }

    /**
     * A scalar stays as it is; a vector's elements become scalar parameters {@code alpha[0]},
     * {@code alpha[1]}, ... in its place (names no axis column can have).
     */
    @Override
    public Fn bind(Fn f) {
      if (param.shape().isScalar()) {
        return f;
      }
      Map<Integer, String> free = new TreeMap<>();
      for (int e = 0; e < param.shape().size(); e++) {
        free.put(e, param.name() + "[" + e + "]");
      }
      return AD.fix(f, param.name(), new double[param.shape().size()], free);
    }
  }
}
