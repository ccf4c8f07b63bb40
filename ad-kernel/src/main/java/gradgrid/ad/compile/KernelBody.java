package gradgrid.ad.compile;

/**
 * What a generated kernel class implements: the batch loop over flat columns. Public only because
 * generated classes live in their own class loaders; use {@link Kernel}, which checks arguments.
 */
public interface KernelBody {
  /**
   * Computes rows {@code inOff .. inOff + n - 1} of the input columns into rows {@code outOff ..
   * outOff + n - 1} of the output columns, without checking anything.
   */
  void run(double[][] in, int inOff, double[][] out, int outOff, int n);
}
