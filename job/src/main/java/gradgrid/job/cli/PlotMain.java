package gradgrid.job.cli;

import gradgrid.job.figures.FiguresStage;
import gradgrid.job.write.SweepToParquet;

/**
 * Entry point of {@code ./submit.sh plot <sweep.conf>}: the figures stage on a sweep's output, with
 * the conf's {@code figures} block or the defaults. Exit 0, or 2 on bad input.
 */
public final class PlotMain {
  static final String USAGE = "Usage: ./submit.sh plot <sweep.conf>";

  private PlotMain() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the conf file
   */
  public static void main(String[] args) {
    ConfCommand.main(
        args,
        USAGE,
        "gradgrid plot",
        ConfCommand.gridOnly("plot", "draws figures over a sweep's grid axes"),
        (spark, confFile, spec, providers) -> {
          FiguresStage.draw(
              spark,
              confFile,
              spec,
              spec.figuresOrDefault(),
              providers,
              SweepToParquet::run,
              System.out,
              System.err);
          return ExitCode.OK;
        });
  }
}
