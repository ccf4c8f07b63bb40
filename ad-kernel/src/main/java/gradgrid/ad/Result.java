package gradgrid.ad;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outputs of one evaluation of a function, each under its name and with its shape: {@code
 * AD.hessian(f, 1, 2).evaluate(x, alpha, beta).matrix("d2f/dalpha dbeta")} is the 6 x 6 block as a
 * matrix, without counting offsets into flat arrays. {@link #flat} keeps the flat row-major view.
 */
public final class Result {
  private final String function;
  private final List<String> names;
  private final List<Shape> shapes;
  private final double[][] values;

  Result(String function, List<String> names, List<Shape> shapes, double[][] values) {
    this.function = function;
    this.names = List.copyOf(names);
    this.shapes = List.copyOf(shapes);
    this.values = values;
  }

  /**
   * The output names, in order.
   *
   * @return the names
   */
  public List<String> names() {
    return names;
  }

  /**
   * The shape of an output.
   *
   * @param name the output's name
   * @return its shape
   * @throws AdException if no output, or more than one, has that name
   */
  public Shape shape(String name) {
    return shapes.get(index(name));
  }

  /**
   * An output as a flat row-major array (a copy).
   *
   * @param name the output's name
   * @return its elements
   * @throws AdException if no output, or more than one, has that name
   */
  public double[] flat(String name) {
    return values[index(name)].clone();
  }

  /**
   * A scalar output.
   *
   * @param name the output's name
   * @return its value
   * @throws AdException if the output is not a scalar, or the name is not one output's
   */
  public double scalar(String name) {
    return values[ofRank(name, 0)][0];
  }

  /**
   * A vector output (a copy).
   *
   * @param name the output's name
   * @return its elements
   * @throws AdException if the output is not a vector, or the name is not one output's
   */
  public double[] vector(String name) {
    return values[ofRank(name, 1)].clone();
  }

  /**
   * A matrix output, row by row (a copy): {@code matrix(name)[i][j]}.
   *
   * @param name the output's name
   * @return its rows
   * @throws AdException if the output is not a matrix, or the name is not one output's
   */
  public double[][] matrix(String name) {
    int k = ofRank(name, 2);
    int rows = shapes.get(k).dim(0);
    int cols = shapes.get(k).dim(1);
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = Arrays.copyOfRange(values[k], i * cols, (i + 1) * cols);
    }
    return m;
  }

  private int ofRank(String name, int rank) {
    int k = index(name);
    Shape s = shapes.get(k);
    if (s.rank() != rank) {
      String[] kinds = {"a scalar", "a vector", "a matrix"};
      throw new AdException(
          "output '"
              + name
              + "' of '"
              + function
              + "' has shape "
              + s
              + ", not "
              + kinds[rank]
              + "; read it with "
              + (s.rank() <= 2 ? new String[] {"scalar", "vector", "matrix"}[s.rank()] : "flat")
              + "(name)");
    }
    return k;
  }

  private int index(String name) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(name)) {
        at.add(i);
      }
    }
    if (at.size() == 1) {
      return at.get(0);
    }
    throw new AdException(
        "'"
            + function
            + "' has "
            + (at.isEmpty() ? "no output" : at.size() + " outputs")
            + " named '"
            + name
            + "'"
            + (at.isEmpty() ? "; its outputs: " + String.join(", ", names) : "; rename them"));
  }
}
