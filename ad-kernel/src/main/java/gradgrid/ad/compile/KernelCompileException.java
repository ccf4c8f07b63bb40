package gradgrid.ad.compile;

import gradgrid.ad.ir.AdException;

/**
 * Janino rejected a generated kernel: a bug in the code generator, never in user input. The message
 * carries the compiler's error and the whole generated source with line numbers. A kernel that is
 * merely too large is the subclass {@link KernelTooLargeException}.
 */
public class KernelCompileException extends AdException {
  private static final long serialVersionUID = 1L;

  private final String source;

  KernelCompileException(String what, String source, Throwable cause) {
    super(what + "\ngenerated source:\n" + numbered(source), cause);
    this.source = source;
  }

  /** A failure with a message of its own and no source (the source was too large to keep). */
  KernelCompileException(String message) {
    super(message);
    this.source = null;
  }

  /** The generated source that failed to compile, or null for a {@link KernelTooLargeException}. */
  public String source() {
    return source;
  }

  /** The source with 1-based line numbers, as the compiler's positions count them. */
  static String numbered(String source) {
    StringBuilder sb = new StringBuilder();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      sb.append(String.format("%5d  %s%n", i + 1, lines[i]));
    }
    return sb.toString();
  }
}
