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

  /**
   * The line a driver in cluster deploy mode ends its stderr with: {@code submit.sh} reads it from
   * the driver's log on the Worker, since Spark's standalone client reports only the driver's
   * state.
   */
  public static final String DRIVER_MARKER = "gradgrid: driver exit code ";

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

  /**
   * Ends the command with this code: returns for {@link #OK} (the JVM ends normally), exits
   * otherwise; in cluster deploy mode it first prints {@link #DRIVER_MARKER} with the code.
   */
  public void exit() {
    if ("cluster".equals(System.getProperty("spark.submit.deployMode"))) {
      System.err.println(DRIVER_MARKER + code);
    }
    if (this != OK) {
      System.exit(code);
    }
  }
}
