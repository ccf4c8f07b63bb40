package gradgrid.ad.compile;

import gradgrid.ad.linalg.Linalg;

/**
 * One batched matrix-vector product {@code y = W x} with a constant {@code W} (m by n), run over a
 * tile of rows between two generated source segments. Each scratch slot is one column of the tile.
 * Called by generated code; not meant for direct use.
 *
 * <p>Below {@link #DGEMM_MIN_ELEMENTS} matrix elements (or without native BLAS) it runs fused Java
 * loops that accumulate left to right from the first term, bit-identical to the interpreter; at or
 * above it, one jblas {@code dgemm} over the tile, equal to the interpreter to rounding.
 */
public final class MatVecStep {
  /**
   * Matrices with at least this many elements use dgemm: 256 x 256. Measured by {@code
   * DenseLayerBench} over tiles of 256 rows (bench/RESULTS.md): dgemm / fused was 0.3-0.7 for n =
   * 8..32, 0.7-1.0 at 64, 0.3-1.2 at 128 (noisy, mostly below 1) and 1.14 at 256; each tile pays a
   * copy in and out, the JNI call and the JVM-wide lock, while the fused loops vectorise over rows.
   * Overridable with the system property {@code gradgrid.dgemm.minElements}.
   */
  public static final int DGEMM_MIN_ELEMENTS = 256 * 256;

  private final double[] w;
  private final int m;
  private final int n;
  private final boolean gemm;
  private final int[] xSlots;
  private final int[] ySlots;

  /** A step of the scalarised program, before the generator gives it scratch slots. */
  MatVecStep(double[] w, int m, int n) {
    this(w, m, n, null, null);
  }

  private MatVecStep(double[] w, int m, int n, int[] xSlots, int[] ySlots) {
    this.w = w;
    this.m = m;
    this.n = n;
    this.gemm = Linalg.nativeAvailable() && m * n >= dgemmMinElements();
    this.xSlots = xSlots;
    this.ySlots = ySlots;
  }

  /**
   * The same product reading x from, and writing y to, the given scratch slots: the step a
   * generated kernel runs.
   *
   * @param x the slot of each x entry
   * @param y the slot of each y entry
   * @return the step
   */
  MatVecStep withSlots(int[] x, int[] y) {
    return new MatVecStep(w, m, n, x.clone(), y.clone());
  }

  /** The threshold in force: the system property if set, else {@link #DGEMM_MIN_ELEMENTS}. */
  static int dgemmMinElements() {
    return Integer.getInteger("gradgrid.dgemm.minElements", DGEMM_MIN_ELEMENTS);
  }

  /** True when this step calls native dgemm rather than fused loops. */
  public boolean usesDgemm() {
    return gemm;
  }

  /** Computes the tile's y columns from its x columns: {@code rows} rows of scratch {@code s}. */
  public void apply(double[][] s, int rows) {
    if (gemm) {
      gemm(s, rows);
      return;
    }
    for (int i = 0; i < m; i++) {
      double[] y = s[ySlots[i]];
      double[] x0 = s[xSlots[0]];
      double wi = w[i * n];
      for (int r = 0; r < rows; r++) {
        y[r] = wi * x0[r];
      }
      for (int k = 1; k < n; k++) {
        double[] xk = s[xSlots[k]];
        double wk = w[i * n + k];
        for (int r = 0; r < rows; r++) {
          y[r] += wk * xk[r];
        }
      }
    }
  }

  private void gemm(double[][] s, int rows) {
    // X is rows x n column-major (ld rows), W row-major m x n is W^T column-major n x m
    double[] x = new double[rows * n];
    for (int k = 0; k < n; k++) {
      System.arraycopy(s[xSlots[k]], 0, x, k * rows, rows);
    }
    double[] y = new double[rows * m];
    Linalg.dgemm(rows, m, n, x, w, y);
    for (int i = 0; i < m; i++) {
      System.arraycopy(y, i * rows, s[ySlots[i]], 0, rows);
    }
  }
}
