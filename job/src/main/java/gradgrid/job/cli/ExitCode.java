package gradgrid.job.cli;

/**
 * The exit codes of every command ({@code ./submit.sh <conf>}, {@code sql}, {@code plot}, {@code
 * extrema}), as documented in README.md ("Errors and exit codes").
 */
public enum ExitCode {
  /** Done. */
  OK(0),
  /** A started run failed (tasks failing beyond Spark's retries, a full disk); no output kept. */
  FAILED(1),
  /** Bad input (usage, conf, output directory, master URL, query); nothing written or deleted. */
  BAD_INPUT(2);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /**
   * The process exit status.
   *
   * @return 0, 1 or 2
   */
  public int code() {
    return code;
  }
}
