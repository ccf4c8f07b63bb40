package gradgrid.job.conf;

import gradgrid.ad.Param;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One requested output of a sweep. The shapes and column names are documented in {@code README.md};
 * every derivative is computed by the AD transforms of the function.
 */
public sealed interface OutputSpec extends Serializable {
  /**
   * The Parquet column name, for example {@code d2f_dx2} or {@code hessian_alpha_beta}.
   *
   * @return the column name
   */
  String column();

  /**
   * The output's dimensions given the function's parameters: {@code []} for a scalar, {@code [n]}
   * for a vector, {@code [m, n]} for a matrix.
   *
   * @param params the function's parameters by name
   * @return the dimensions
   */
  int[] dims(Map<String, Param> params);

  /**
   * Number of doubles per row the sweep's kernel computes for this output (the product of the
   * dimensions; 0 for a {@link CriticalPoints} map, which its own inner scan computes).
   *
   * @param params the function's parameters by name
   * @return the flat size
   */
  default int size(Map<String, Param> params) {
    int n = 1;
    for (int d : dims(params)) {
      n *= d;
    }
    return n;
  }

  /** The function's value {@code f}. */
  record Value() implements OutputSpec {
    @Override
    public String column() {
      return "f";
    }

    @Override
    public int[] dims(Map<String, Param> params) {
      return new int[0];
    }
  }

  /**
   * The derivative of order {@code order} w.r.t. a scalar input: {@code df/dx}, {@code d2f/dx2}.
   *
   * @param param the scalar input
   * @param order the order, at least 1
   */
  record Derivative(String param, int order) implements OutputSpec {
    @Override
    public String column() {
      return order == 1 ? "df_d" + param : "d" + order + "f_d" + param + order;
    }

    @Override
    public int[] dims(Map<String, Param> params) {
      return new int[0];
    }
  }

  /**
   * The gradient w.r.t. one or more inputs taken together ({@code grad(alpha, beta)}, JAX's {@code
   * grad} with several argnums): the entries of each input's gradient in the order listed, one
   * vector; a scalar for one scalar input.
   *
   * @param params the inputs, each once
   */
  record Grad(List<String> params) implements OutputSpec {
    /**
     * Copies the list.
     *
     * @param params the inputs
     */
    public Grad {
      params = List.copyOf(params);
    }

    /**
     * The gradient w.r.t. one input.
     *
     * @param param the input
     */
    public Grad(String param) {
      this(List.of(param));
    }

    @Override
    public String column() {
      return "grad_" + String.join("_", params);
    }

    @Override
    public int[] dims(Map<String, Param> all) {
      if (params.size() == 1 && all.get(params.get(0)).shape().isScalar()) {
        return new int[0];
      }
      int n = 0;
      for (String p : params) {
        n += all.get(p).shape().size();
      }
      return new int[] {n};
    }
  }

  /**
   * The Hessian block {@code d2f / d(rows) d(cols)}: a matrix {@code |rows| x |cols|} stored row by
   * row; a vector when one input is a scalar; a scalar when both are.
   *
   * @param rows the input indexing the block's rows
   * @param cols the input indexing the block's columns
   */
  record Hessian(String rows, String cols) implements OutputSpec {
    @Override
    public String column() {
      return "hessian_" + rows + "_" + cols;
    }

    @Override
    public int[] dims(Map<String, Param> params) {
      Param r = params.get(rows);
      Param c = params.get(cols);
      if (r.shape().isScalar() && c.shape().isScalar()) {
        return new int[0];
      }
      if (r.shape().isScalar() || c.shape().isScalar()) {
        return new int[] {r.shape().size() * c.shape().size()};
      }
      return new int[] {r.shape().size(), c.shape().size()};
    }
  }

  /**
   * The eigenvalues, ascending, of the symmetric Hessian of f w.r.t. the listed inputs taken
   * together ({@code eigenvalues(hessian(alpha, beta))} is the spectrum of the full {@code
   * (|alpha|+|beta|)}-square Hessian over alpha and beta).
   *
   * @param params the inputs, in order
   */
  record Eigenvalues(List<String> params) implements OutputSpec {
    /**
     * Copies the list.
     *
     * @param params the inputs
     */
    public Eigenvalues {
      params = List.copyOf(params);
    }

    @Override
    public String column() {
      return "eigenvalues_hessian_" + String.join("_", params);
    }

    @Override
    public int[] dims(Map<String, Param> all) {
      int n = 0;
      for (String p : params) {
        n += all.get(p).shape().size();
      }
      return new int[] {n};
    }
  }

  /**
   * The critical points of f in one scalar input, at every row of the grid: an inner linspace of
   * that input from {@code from} to {@code to} is scanned inside the task for sign changes of
   * {@code f'}, each refined by Newton's method (see {@code gradgrid.job.criticals}). One struct
   * column per row; {@link #dims} is {@code []} and {@link #size} 0, as no kernel column of the
   * sweep holds it.
   *
   * @param param the scalar input scanned (fixed in the conf, never an axis)
   * @param from the inner grid's first value
   * @param to the inner grid's last value, {@code > from}
   * @param points the inner grid's points, at least 2
   */
  record CriticalPoints(String param, double from, double to, int points) implements OutputSpec {
    @Override
    public String column() {
      return "critical_points_" + param;
    }

    @Override
    public int[] dims(Map<String, Param> params) {
      return new int[0];
    }

    @Override
    public int size(Map<String, Param> params) {
      return 0;
    }
  }
}
