package gradgrid.job.figures;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.OutputDir;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.store.OutputCommit;
import gradgrid.job.store.OutputGuard;
import gradgrid.job.store.OutputPaths;
import gradgrid.job.ui.JobDescription;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The figures stage: draws a sweep's figures from its Parquet output (its critical-point maps',
 * {@link CriticalPointFigures}, and the reference's), with the heatmaps of the conf named in {@code
 * figures.heatmaps}. It runs at the end of a sweep whose conf has a {@code figures} block, and as
 * {@code ./submit.sh plot} ({@code cli.PlotMain}).
 */
public final class FiguresStage {
  /**
   * Runs a sweep and writes its output: how the stage makes the heatmaps' output when it is
   * missing. The sweep stage itself belongs to the caller ({@code SweepToParquet::run}).
   */
  @FunctionalInterface
  public interface Sweep {
    /**
     * Runs one sweep to its finished output.
     *
     * @param spark the session
     * @param spec the sweep
     * @param factory its evaluator recipe
     * @param progress where progress lines go
     * @throws IOException if the file system fails
     */
    void run(SparkSession spark, SweepSpec spec, EvaluatorFactory factory, PrintStream progress)
        throws IOException;
  }

  private FiguresStage() {}

  /**
   * Draws a sweep's figures, then the heatmaps of the conf named in {@code figures.heatmaps}
   * (running that sweep first if its output does not exist yet).
   *
   * @param spark the session
   * @param confFile the sweep's conf (names the view)
   * @param spec the sweep
   * @param conf the figures settings
   * @param providers the function providers (to load and run the heatmaps' sweep)
   * @param sweep runs the heatmaps' sweep when its output does not exist yet
   * @param out where the list of files goes
   * @param err where notes and errors go
   * @throws ConfException if the heatmaps' conf does not load or a figure cannot be drawn
   */
  public static void draw(
      SparkSession spark,
      Path confFile,
      SweepSpec spec,
      FiguresSpec conf,
      FunctionProviders providers,
      Sweep sweep,
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
          sweep.run(spark, other, providers.evaluator(other), err);
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
            drawn.addAll(
                JobDescription.call(
                    spark,
                    "figures " + output.name() + ": aggregate and draw",
                    () -> {
                      Dataset<Row> rows = output.register(spark);
                      List<Path> all =
                          new ArrayList<>(
                              CriticalPointFigures.draw(rows, spec, into, providers, err));
                      all.addAll(ReferenceFigures.draw(rows, spec, into, providers, err));
                      return all;
                    }));
            if (heatmapOutput != null) {
              drawn.addAll(
                  JobDescription.call(
                      spark,
                      "figures " + heatmapOutput.name() + ": aggregate and draw",
                      () ->
                          ReferenceFigures.draw(
                              heatmapOutput.register(spark), heatmaps, into, providers, err)));
            }
          });
      for (Path f : drawn) {
        files.add(conf.dir().resolve(f.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the figures", e);
    }
    for (Path f : files) {
      out.println("gradgrid: wrote " + f);
    }
  }
}
