package gradgrid.ad.linalg;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jblas.NativeBlas;

/**
 * The one guarded place for every native BLAS/LAPACK call (jblas). jblas's bundled BLAS is not safe
 * to call from two threads at once (concurrent calls silently corrupt results), so every call holds
 * one JVM-wide lock. At class initialisation a small native call checks that the library loaded; if
 * it did not, a warning names the likely cause once and every operation here falls back to pure
 * Java.
 */
public final class Linalg {
  private static final Logger LOG = Logger.getLogger(Linalg.class.getName());

  /** Serialises all native calls in this JVM. */
  private static final Object LOCK = new Object();

  private static final String STATUS;
  private static final boolean AVAILABLE;

  static {
    // jblas logs through its own logger to stderr: an INFO line per native library it unpacks and
    // per temporary file it deletes at exit ("org.jblas INFO Deleting ..."). Keep its warnings
    // only.
    org.jblas.util.Logger.getLogger().setLevel(org.jblas.util.Logger.WARNING);
    String status;
    boolean ok;
    if (Boolean.getBoolean("gradgrid.native.disable")) {
      ok = false;
      status = "native BLAS/LAPACK disabled by -Dgradgrid.native.disable=true; using pure Java";
    } else {
      try {
        double d;
        synchronized (LOCK) {
          d = NativeBlas.ddot(2, new double[] {1, 2}, 0, 1, new double[] {3, 4}, 0, 1);
        }
        ok = d == 11.0;
        status =
            ok
                ? "jblas native BLAS/LAPACK loaded"
                : "jblas native BLAS/LAPACK loaded but ddot returned " + d + "; using pure Java";
      } catch (Throwable t) {
        ok = false;
        status =
            "jblas native BLAS/LAPACK could not be loaded ("
                + t
                + "); it needs the system library libgfortran.so.5 (Debian/Ubuntu: apt-get install"
                + " libgfortran5) and a writable java.io.tmpdir ("
                + System.getProperty("java.io.tmpdir")
                + "); using pure-Java fallbacks";
      }
    }
    STATUS = status;
    AVAILABLE = ok;
    LOG.log(ok ? Level.FINE : Level.WARNING, status);
  }

  private Linalg() {}

  /** True when jblas's native library loaded and answered a test call correctly. */
  public static boolean nativeAvailable() {
    return AVAILABLE;
  }

  /** A one-line description of the native library's state, with the fix when it failed. */
  public static String nativeStatus() {
    return STATUS;
  }

  /**
   * {@code C = A * B} for column-major {@code A} (m by k), {@code B} (k by n) and {@code C} (m by
   * n), each with leading dimension equal to its row count. Native dgemm under the lock, or a Java
   * loop when natives are unavailable.
   */
  public static void dgemm(int m, int n, int k, double[] a, double[] b, double[] c) {
    if (!AVAILABLE) {
      dgemmJava(m, n, k, a, b, c);
      return;
    }
    synchronized (LOCK) {
      NativeBlas.dgemm('N', 'N', m, n, k, 1.0, a, 0, m, b, 0, k, 0.0, c, 0, m);
    }
  }

  /** The pure-Java {@link #dgemm}: each element accumulated left to right from the first term. */
  public static void dgemmJava(int m, int n, int k, double[] a, double[] b, double[] c) {
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        double s = a[i] * b[j * k];
        for (int p = 1; p < k; p++) {
          s += a[p * m + i] * b[j * k + p];
        }
        c[j * m + i] = s;
      }
    }
  }

  /**
   * The eigenvalues, ascending, of the symmetric n by n matrix {@code a} (row-major; only the lower
   * triangle is read by LAPACK, so pass a symmetric matrix). LAPACK {@code dsyev} under the lock,
   * or {@link Jacobi} when natives are unavailable. NaN anywhere gives all NaN.
   */
  public static double[] eigvalsh(double[] a, int n) {
    if (hasNaNOrInf(a)) {
      double[] r = new double[n];
      Arrays.fill(r, Double.NaN);
      return r;
    }
    if (!AVAILABLE) {
      return Jacobi.eigenvalues(a, n);
    }
    double[] work = a.clone();
    double[] w = new double[n];
    int info;
    synchronized (LOCK) {
      info = NativeBlas.dsyev('N', 'L', n, work, 0, n, w, 0);
    }
    if (info != 0) {
      return Jacobi.eigenvalues(a, n);
    }
    Arrays.sort(w);
    return w;
  }

  private static boolean hasNaNOrInf(double[] a) {
    for (double d : a) {
      if (!Double.isFinite(d)) {
        return true;
      }
    }
    return false;
  }
}
