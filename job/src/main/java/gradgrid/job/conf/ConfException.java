package gradgrid.job.conf;

/**
 * A sweep conf that cannot be run: the message names the key (and where it is) and says what is
 * wrong. {@code SweepMain} turns it into exit code 2 before anything is written.
 */
public final class ConfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a one-paragraph message that names the offending key or token
   */
  public ConfException(String message) {
    super(message);
  }
}
