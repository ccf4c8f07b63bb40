package gradgrid.job.cli;

import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.conf.WriteMode;
import gradgrid.job.criticals.CriticalPoint;
import gradgrid.job.extrema.Extrema;
import gradgrid.job.extrema.SweepFunction;
import gradgrid.job.parquet.SweepWriter;
import gradgrid.job.run.FunctionProviders;
import gradgrid.job.sql.ResultTable;
import gradgrid.job.sql.SweepOutput;
import gradgrid.job.store.OutputCommit;
import gradgrid.job.ui.JobDescription;
import gradgrid.job.write.Provenance;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of {@code ./submit.sh extrema <sweep.conf>}: reads the finished sweep, finds and
 * refines the critical points of f, prints them and the count, saves them as Parquet in {@code
 * <output.dir>-extrema}. Exit 0, or 2 on bad input.
 */
public final class ExtremaMain {
  static final String USAGE = "Usage: ./submit.sh extrema <sweep.conf>";

  private ExtremaMain() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the conf file
   */
  public static void main(String[] args) {
    ConfCommand.main(
        args,
        USAGE,
        "gradgrid extrema",
        ConfCommand.gridOnly("extrema", "scans f' along the x axis of a grid sweep"),
        (spark, confFile, spec, providers) ->
            run(spark, SweepOutput.of(confFile, spec), spec, providers, System.out, System.err));
  }

  /**
   * The command's stages on an existing session.
   *
   * @param spark the session
   * @param output the sweep's output
   * @param spec the sweep
   * @param providers the function providers the sweep was loaded with
   * @param out where the table goes
   * @param err where errors go
   * @return {@link ExitCode#OK}, or {@link ExitCode#BAD_INPUT}
   */
  public static ExitCode run(
      SparkSession spark,
      SweepOutput output,
      SweepSpec spec,
      FunctionProviders providers,
      PrintStream out,
      PrintStream err) {
    List<CriticalPoint> points;
    try {
      SweepFunction fn = SweepFunction.of(spec, providers);
      String x = spec.grid().axes().get(0).column();
      String d = new OutputSpec.Derivative(spec.grid().axes().get(0).param(), 1).column();
      Dataset<Row> data =
          JobDescription.call(
              spark, "extrema " + output.name() + ": read", () -> output.register(spark));
      if (!Arrays.asList(data.columns()).contains(d)) {
        throw new ConfException(
            "extrema needs the column "
                + d
                + ": add \"f'\" to the sweep's outputs and run it again");
      }
      int buckets = Math.max(8, 4 * spark.sparkContext().defaultParallelism());
      points =
          JobDescription.call(
              spark,
              "extrema " + output.name() + ": find the critical points",
              () -> Extrema.find(data, x, d, fn, buckets));
    } catch (ConfException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    Dataset<Row> table = Extrema.toDataset(spark, points);
    SweepOutput saved = output.extrema();
    long rows = points.size();
    try {
      JobDescription.run(
          spark,
          "extrema " + output.name() + ": write",
          () -> save(spark, table, saved, spec, rows));
    } catch (ConfException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + saved.location(), e);
    }
    ResultTable.printTable(table, Integer.MAX_VALUE - 1, out);
    long counted = points.stream().filter(CriticalPoint::counted).count();
    long flat = points.stream().filter(CriticalPoint::flat).count();
    long unconverged = points.stream().filter(p -> !p.converged()).count();
    out.println(
        "gradgrid: "
            + points.size()
            + " critical points of f; "
            + counted
            + " local extrema counted ("
            + points.stream().filter(p -> p.counted() && p.d2() < 0).count()
            + " maxima, "
            + points.stream().filter(p -> p.counted() && p.d2() > 0).count()
            + " minima), "
            + flat
            + " in flat regions (|f| < "
            + CriticalPoint.FLAT
            + ") not counted"
            + (unconverged > 0 ? "; " + unconverged + " did not reach |f'| < 1e-12" : ""));
    out.println("gradgrid: saved to " + saved.display() + " (view " + saved.name() + " in sql)");
    return ExitCode.OK;
  }

  /**
   * Saves the critical points through the same output commit as a sweep: it replaces only an
   * earlier extrema output (never a stranger's directory of that name) and publishes atomically,
   * with the sweep's codec and the sweep's provenance in the Parquet footer.
   */
  private static void save(
      SparkSession spark, Dataset<Row> table, SweepOutput saved, SweepSpec spec, long rows)
      throws IOException {
    String codec = SweepWriter.codec(spark, spec);
    OutputCommit.writeWhole(
        saved.paths(spark),
        WriteMode.OVERWRITE,
        spec.confJson(),
        rows,
        Provenance.of(spec, spark.version()),
        staging ->
            table
                .coalesce(1)
                .write()
                .mode(SaveMode.Append)
                .option("compression", codec)
                .parquet(staging.toString()));
  }
}
