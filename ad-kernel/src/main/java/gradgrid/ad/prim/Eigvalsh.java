package gradgrid.ad.prim;

import gradgrid.ad.ir.AdException;
import gradgrid.ad.ir.Shape;
import gradgrid.ad.linalg.Linalg;
import gradgrid.ad.trace.Val;

/**
 * The eigenvalues, ascending, of a symmetric matrix (LAPACK through {@link Linalg}, or Jacobi when
 * natives are unavailable); NaN or infinity anywhere gives all NaN. Meant as an output (min and max
 * curvature of a Hessian); it is not differentiable here: asking for its derivative is an error,
 * since eigenvalues are not differentiable where they cross.
 */
public record Eigvalsh() implements Primitive {
  @Override
  public String name() {
    return "eigvalsh";
  }

  @Override
  public Shape shape(Shape... in) {
    if (in.length != 1 || in[0].rank() != 2 || in[0].dim(0) != in[0].dim(1)) {
      throw new AdException("eigvalsh needs one square matrix");
    }
    return Shape.vector(in[0].dim(0));
  }

  @Override
  public double[] eval(Shape[] shapes, double[][] in) {
    return Linalg.eigvalsh(in[0], shapes[0].dim(0));
  }

  @Override
  public Val jvp(Val[] x, Val[] t, Val y) {
    throw new AdException(
        "eigvalsh is not differentiable: use it on the outputs of a function, not inside one"
            + " that is differentiated further");
  }
}
