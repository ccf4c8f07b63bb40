/**
 * Dense linear algebra for kernels: native BLAS/LAPACK through jblas where it wins, pure Java
 * otherwise.
 *
 * <p>{@link gradgrid.ad.linalg.Linalg} is the only class that calls native code. jblas's bundled
 * BLAS is not safe to call from two threads at once (measured here: concurrent dgemm, eigen and
 * solve calls gave silently wrong rows), so every call holds one JVM-wide lock. At class
 * initialisation a tiny {@code ddot} checks that the library loaded; jblas unpacks its {@code .so}
 * into {@code java.io.tmpdir} and needs the system {@code libgfortran.so.5} (Debian: {@code
 * libgfortran5}). When that fails a single warning names the fix and every operation falls back:
 * dgemm to a Java loop, symmetric eigenvalues to {@link gradgrid.ad.linalg.Jacobi}. {@code
 * -Dgradgrid.native.disable=true} forces the fallback.
 */
package gradgrid.ad.linalg;
