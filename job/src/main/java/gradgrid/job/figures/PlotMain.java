package gradgrid.job.figures;

import gradgrid.job.SweepMain;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.OutputDir;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.sql.ConfCommand;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.store.OutputCommit;
import gradgrid.job.store.OutputGuard;
import gradgrid.job.store.OutputPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of {@code ./submit.sh plot <sweep.conf>}, and the figures stage run at the end of a
 * sweep whose conf has a {@code figures} block. Exit 0, or 2 on bad input.
 */
public final class PlotMain {
  /** Exit code for bad input. */
  public static final int EXIT_BAD_INPUT = ConfCommand.EXIT_BAD_INPUT;

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
        spec -> {},
        (spark, confFile, spec, providers) ->
            plot(
                spark, confFile, spec, spec.figuresOrDefault(), providers, System.out, System.err));
  }

  /**
   * Draws a sweep's figures, then the heatmaps of the conf named in {@code figures.heatmaps}
   * (running that sweep first if its output does not exist yet).
   *
   * @param spark the session
   * @param confFile the sweep's conf (names the view)
   * @param spec the sweep
   * @param conf the figures settings
   * @param providers the function providers (to run the heatmaps' sweep)
   * @param out where the list of files goes
   * @param err where notes and errors go
   * @return 0, or {@link #EXIT_BAD_INPUT}
   */
  public static int plot(
      SparkSession spark,
      Path confFile,
      SweepSpec spec,
      FiguresSpec conf,
      FunctionProviders providers,
      PrintStream out,
      PrintStream err) {
    List<Path> files = new ArrayList<>();
    try {
      SweepOutput output = SweepOutput.of(confFile, spec);
      SweepSpec other = null;
      SweepOutput o = null;
      if (conf.heatmaps() != null) {
        other = new SweepConfLoader(providers, Path.of("")).load(conf.heatmaps());
        o = SweepOutput.of(conf.heatmaps(), other);
        if (!o.exists(spark)) {
          err.println(
              "gradgrid: " + other.outputForMessages() + " not found; running " + conf.heatmaps());
          OutputGuard.check(other);
          SweepMain.sweep(spark, other, providers.evaluator(other), err);
        }
      }
      OutputPaths paths =
          OutputPaths.of(
              OutputDir.ofLocal(conf.dir()).location(), spark.sparkContext().hadoopConfiguration());
      SweepSpec heatmaps = other;
      SweepOutput heatmapOutput = o;
      List<Path> drawn = new ArrayList<>();
      // The figures directory goes through the same commit as a sweep's output: it replaces only
      // figures gradgrid drew, and appears whole.
      OutputCommit.writeWhole(
          paths,
          WriteMode.OVERWRITE,
          spec.confJson(),
          0,
          staging -> {
            FiguresSpec into = conf.withDir(Path.of(staging.toUri()));
            drawn.addAll(ReferenceFigures.draw(output.register(spark), spec, into, err));
            if (heatmapOutput != null) {
              drawn.addAll(
                  ReferenceFigures.draw(heatmapOutput.register(spark), heatmaps, into, err));
            }
          });
      for (Path f : drawn) {
        files.add(conf.dir().resolve(f.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the figures", e);
    } catch (ConfException e) {
      err.println("error: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    for (Path f : files) {
      out.println("gradgrid: wrote " + f);
    }
    return 0;
  }
}
