package gradgrid.ad.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/**
 * The native guard: jblas loads (CI installs libgfortran5), results match pure Java, and many
 * threads calling native code at once all get correct results (jblas's bundled BLAS corrupts
 * results silently without the lock).
 */
class LinalgTest {
  @Test
  void theNativeLibraryLoadsAndSaysSo() {
    // .ci/run installs libgfortran5, so CI must have working natives; a developer machine without
    // it gets the fallback and a status naming the fix
    assertTrue(Linalg.nativeAvailable(), Linalg.nativeStatus());
    assertEquals("jblas native BLAS/LAPACK loaded", Linalg.nativeStatus());
  }

  @Test
  void withNativesDisabledTheStatusSaysSoAndJavaFallbacksAnswer() throws Exception {
    Process p =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgradgrid.native.disable=true",
                "-cp",
                System.getProperty("java.class.path"),
                FallbackMain.class.getName())
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    // [[2,1],[1,2]] has eigenvalues 1 and 3; a 2x2 by 2x2 product of ones is all 2
    assertEquals(
        "false|native BLAS/LAPACK disabled by -Dgradgrid.native.disable=true; using pure Java"
            + "|[1.000000000000, 3.000000000000]|[2.0, 2.0, 2.0, 2.0]",
        out.trim());
  }

  /** Run in a child JVM with natives disabled by the test above. */
  static final class FallbackMain {
    public static void main(String[] args) {
      double[] c = new double[4];
      Linalg.dgemm(2, 2, 2, new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1}, c);
      System.out.println(
          Linalg.nativeAvailable()
              + "|"
              + Linalg.nativeStatus()
              + "|"
              + java.util.Arrays.stream(Linalg.eigvalsh(new double[] {2, 1, 1, 2}, 2))
                  .mapToObj(w -> String.format(java.util.Locale.ROOT, "%.12f", w))
                  .toList()
              + "|"
              + java.util.Arrays.toString(c));
    }
  }

  private static double[] symmetric(Random r, int n) {
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = r.nextGaussian();
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    return a;
  }

  private static void assertAllClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + " [" + i + "]");
    }
  }

  @Test
  void lapackEigenvaluesMatchJacobi() {
    Random r = new Random(1);
    for (int n : new int[] {1, 2, 5, 12, 30}) {
      double[] a = symmetric(r, n);
      assertAllClose(Jacobi.eigenvalues(a, n), Linalg.eigvalsh(a, n), 1e-12, "n=" + n);
    }
  }

  @Test
  void lapackAndJacobiMatchHipparchusOnBadlyScaledMatrices() {
    // The job's Hessian eigenvalues (first row and column ~100x the rest, as for mixed inputs).
    Random rnd = new Random(42);
    for (int n : new int[] {1, 2, 5, 12}) {
      double[][] m = new double[n][n];
      double[] flat = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double v = rnd.nextGaussian() * (j == 0 ? 100 : 1);
          m[i][j] = v;
          m[j][i] = v;
        }
      }
      for (int i = 0; i < n; i++) {
        System.arraycopy(m[i], 0, flat, i * n, n);
      }
      double[] ref =
          new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(m)).getEigenvalues();
      Arrays.sort(ref);
      assertAllClose(ref, Linalg.eigvalsh(flat, n), 1e-10, "eigvalsh n=" + n);
      assertAllClose(ref, Jacobi.eigenvalues(flat, n), 1e-10, "Jacobi n=" + n);
    }
  }

  @Test
  void jacobiFindsKnownEigenvalues() {
    // [[2,1],[1,2]] has eigenvalues 1 and 3
    assertAllClose(
        new double[] {1, 3}, Jacobi.eigenvalues(new double[] {2, 1, 1, 2}, 2), 1e-15, "");
  }

  @Test
  void nanInTheMatrixGivesNanEigenvalues() {
    double[] w = Linalg.eigvalsh(new double[] {1, Double.NaN, Double.NaN, 1}, 2);
    assertTrue(Double.isNaN(w[0]) && Double.isNaN(w[1]));
  }

  @Test
  void manyThreadsOfNativeCallsAllGetCorrectResults() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        results.add(pool.submit(() -> hammer(seed)));
      }
      for (Future<String> f : results) {
        assertEquals("ok", f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Alternates dgemm and eigenvalue calls of varying sizes, checking each against pure Java. With
   * the lock in {@link Linalg} removed this failed in 3 of 3 runs (silently wrong eigenvalues).
   */
  private static String hammer(long seed) {
    Random r = new Random(seed);
    for (int it = 0; it < 100; it++) {
      int m = 64 + r.nextInt(128);
      int n = 64 + r.nextInt(128);
      int k = 64 + r.nextInt(128);
      double[] a = r.doubles(m * k, -1, 1).toArray();
      double[] b = r.doubles(k * n, -1, 1).toArray();
      double[] c = new double[m * n];
      double[] expected = new double[m * n];
      Linalg.dgemm(m, n, k, a, b, c);
      Linalg.dgemmJava(m, n, k, a, b, expected);
      for (int i = 0; i < c.length; i++) {
        if (Math.abs(c[i] - expected[i]) > 1e-12 * k) {
          return "dgemm element " + i + " of iteration " + it + ": " + c[i] + " vs " + expected[i];
        }
      }
      for (int rep = 0; rep < 4; rep++) {
        int e = 10 + r.nextInt(60);
        double[] s = symmetric(r, e);
        double[] w = Linalg.eigvalsh(s, e);
        double[] wj = Jacobi.eigenvalues(s, e);
        for (int i = 0; i < e; i++) {
          if (Math.abs(w[i] - wj[i]) > 1e-10 * (1 + Math.abs(wj[i]))) {
            return "eigenvalue " + i + " of iteration " + it + ": " + w[i] + " vs " + wj[i];
          }
        }
      }
    }
    return "ok";
  }
}
