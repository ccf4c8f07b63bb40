package gradgrid.ad.ir;

/**
 * The one error type of the AD library: a shape mismatch, a bad argument to a transform, an
 * ill-formed graph. Messages name the function, argument and shapes involved, and carry the
 * pretty-printed graph where it helps.
 */
public class AdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a complete, user-facing message. */
  public AdException(String message) {
    super(message);
  }

  /** An error with a message and the cause it wraps. */
  public AdException(String message, Throwable cause) {
    super(message, cause);
  }
}
