package gradgrid.job.cli;

import gradgrid.job.sql.SweepOutput;

/**
 * Entry point of {@code ./submit.sh summary <sweep.conf>}: prints the summary of the finished sweep
 * (the JSON that its {@code _gradgrid/summary.parquet} holds in its footer: the resolved conf,
 * rows, partitions, wall time, per-column ranges and non-finite counts), after checking the output
 * against its manifest. Exit 0, or 2 on bad input.
 */
public final class SummaryMain {
  static final String USAGE = "Usage: ./submit.sh summary <sweep.conf>";

  private SummaryMain() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the conf file
   */
  public static void main(String[] args) {
    ConfCommand.main(
        args,
        USAGE,
        "gradgrid summary",
        spec -> {},
        (spark, confFile, spec, providers) -> {
          System.out.println(SweepOutput.of(confFile, spec).summary(spark));
          return ExitCode.OK;
        });
  }
}
