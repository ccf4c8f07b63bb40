package gradgrid.ad.ir;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The type of a value: a float64 scalar, a fixed-length vector or a fixed-size matrix. Values of
 * every shape are stored flat, row-major, in a {@code double[]} of {@link #size()} elements.
 */
public final class Shape implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The shape of a float64 scalar. */
  public static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;

  private Shape(int[] dims) {
    for (int d : dims) {
      if (d <= 0) {
        throw new AdException("dimensions must be positive, got " + Arrays.toString(dims));
      }
    }
    this.dims = dims;
  }

  /** A vector of {@code n} elements. */
  public static Shape vector(int n) {
    return new Shape(new int[] {n});
  }

  /** A matrix of {@code rows} by {@code cols} elements. */
  public static Shape matrix(int rows, int cols) {
    return new Shape(new int[] {rows, cols});
  }

  /** A shape with the given dimensions (none for a scalar). */
  public static Shape of(int... dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** Number of dimensions: 0 for a scalar, 1 for a vector, 2 for a matrix. */
  public int rank() {
    return dims.length;
  }

  /** The length of dimension {@code i}. */
  public int dim(int i) {
    return dims[i];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** Number of elements. */
  public int size() {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** True for a scalar. */
  public boolean isScalar() {
    return dims.length == 0;
  }

  /** The shape of one element along the first dimension ({@code f64[n,m] -> f64[m]}). */
  public Shape dropFirst() {
    if (dims.length == 0) {
      throw new AdException("a scalar has no elements to index");
    }
    return of(Arrays.copyOfRange(dims, 1, dims.length));
  }

  /** The shape {@code [n, ...this]}: n values of this shape stacked along a new first axis. */
  public Shape prepend(int n) {
    int[] d = new int[dims.length + 1];
    d[0] = n;
    System.arraycopy(dims, 0, d, 1, dims.length);
    return new Shape(d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** Printed like a jaxpr type: {@code f64}, {@code f64[6]}, {@code f64[6,6]}. */
  @Override
  public String toString() {
    if (dims.length == 0) {
      return "f64";
    }
    StringBuilder sb = new StringBuilder("f64[");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : ",").append(dims[i]);
    }
    return sb.append(']').toString();
  }
}
