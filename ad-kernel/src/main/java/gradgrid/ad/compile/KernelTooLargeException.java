package gradgrid.ad.compile;

import gradgrid.ad.ir.Graph;
import gradgrid.ad.ir.Shape;

/**
 * A kernel too large to compile: the compiler ran out of memory, or the class would break a JVM
 * limit (64 KB of code in a method, 65,535 constant pool entries). Unlike its parent it is about
 * the input's size, not a bug; its message is one line, {@code the kernel is too large: N outputs
 * ...; raise ... or split the outputs}, and it has no cause, so the message is the root of any
 * chain that wraps it (the compiler's own failure is attached as suppressed).
 */
public final class KernelTooLargeException extends KernelCompileException {
  private static final long serialVersionUID = 1L;

  private final int outputs;
  private final int equations;
  private final String reason;
  private final boolean heapMayHelp;

  private KernelTooLargeException(
      int outputs, int equations, String reason, boolean heapMayHelp, Throwable failure) {
    super(
        "the kernel is too large: "
            + outputs
            + " outputs ("
            + equations
            + " equations; "
            + reason
            + "); "
            + (heapMayHelp ? "raise the heap (-Xmx) or split the outputs" : "split the outputs")
            + " over several kernels");
    this.outputs = outputs;
    this.equations = equations;
    this.reason = reason;
    this.heapMayHelp = heapMayHelp;
    addSuppressed(failure);
  }

  /**
   * Refuses to start compiling {@code g} when even the least memory its compile takes ({@code
   * bytesPerEquation} for each equation) is more than the heap holds: compiling would only thrash
   * the collector for minutes and then fail, starving the JVM's other threads on the way.
   *
   * @param g the graph to compile
   * @param bytesPerEquation a lower bound of the compile's memory per equation
   * @param heapBytes the heap's maximum size
   * @throws KernelTooLargeException if the estimate exceeds {@code heapBytes}
   */
  static void checkHeap(Graph g, long bytesPerEquation, long heapBytes) {
    long need = g.eqns().size() * bytesPerEquation;
    if (need > heapBytes) {
      throw new KernelTooLargeException(
          outputs(g),
          g.eqns().size(),
          "compiling needs at least "
              + (need >> 20)
              + " MiB, the heap holds "
              + (heapBytes >> 20)
              + " MiB",
          true,
          new OutOfMemoryError("not started: estimated " + need + " bytes"));
    }
  }

  /**
   * The size failure of compiling {@code g}, if {@code failure} is one.
   *
   * @param g the graph being compiled
   * @param failure what the compiler or the JVM threw
   * @return the exception to throw instead, or null when {@code failure} is not about size
   */
  public static KernelTooLargeException of(Graph g, Throwable failure) {
    int outputs = outputs(g);
    int equations = g.eqns().size();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return new KernelTooLargeException(
            outputs, equations, "the compiler ran out of memory", true, failure);
      }
      String m = String.valueOf(t.getMessage());
      if (m.contains("grows beyond 64 KB")) {
        return new KernelTooLargeException(
            outputs, equations, "a method's code grows beyond the JVM's 64 KB", false, failure);
      }
      if (m.contains("has grown past JVM limit of 0xFFFF")) {
        return new KernelTooLargeException(
            outputs,
            equations,
            "the class needs more than the JVM's 65,535 constant pool entries",
            false,
            failure);
      }
      if (t instanceof ClassFormatError) {
        return new KernelTooLargeException(
            outputs, equations, "the JVM refused the class: " + m, false, failure);
      }
    }
    return null;
  }

  private static int outputs(Graph g) {
    int outputs = 0;
    for (Shape s : g.outputShapes()) {
      outputs += s.size();
    }
    return outputs;
  }

  /**
   * Scalar output columns of the kernel.
   *
   * @return the output count
   */
  public int outputs() {
    return outputs;
  }

  /**
   * Equations of the graph the kernel was compiled from.
   *
   * @return the equation count
   */
  public int equations() {
    return equations;
  }

  /**
   * What failed, for example {@code the compiler ran out of memory}.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Whether a larger heap may let the same kernel compile (false for a JVM limit).
   *
   * @return true when the compiler ran out of memory
   */
  public boolean heapMayHelp() {
    return heapMayHelp;
  }
}
