package gradgrid.job.figures;

import gradgrid.job.conf.FiguresSpec;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Curves of a one-axis sweep's second-order outputs: each {@code hessian(r, c)} column (one curve
 * per entry; a symmetric block {@code hessian(p, p)} only its upper triangle, i <= j) and each
 * {@code eigenvalues(hessian(...))} column (one curve per eigenvalue, ascending), at most {@link
 * #MAX_CURVES} per figure, in panels when their ranges differ ({@link Panels}).
 */
final class SecondOrderFigures {
  /** The most curves one figure draws; the rest are left out with a note. */
  static final int MAX_CURVES = 12;

  private SecondOrderFigures() {}

  /**
   * Draws one figure per Hessian or eigenvalue column the rows have.
   *
   * @param data the sweep's rows
   * @param spec the sweep (one scalar axis)
   * @param conf where and how large
   * @param err where notes go
   * @param x the axis column
   * @param x0 its smallest value
   * @param x1 its largest value
   * @return the files written
   */
  static List<Path> draw(
      Dataset<Row> data,
      SweepSpec spec,
      FiguresSpec conf,
      PrintStream err,
      String x,
      double x0,
      double x1) {
    List<Path> out = new ArrayList<>();
    String fn = FunctionLabel.of(spec.function()) + ": ";
    for (OutputSpec o : spec.outputs()) {
      if (!Arrays.asList(data.columns()).contains(o.column())) {
        continue;
      }
      List<String> labels = new ArrayList<>();
      List<String> exprs = new ArrayList<>();
      String title;
      String yLabel;
      if (o instanceof OutputSpec.Hessian h) {
        entries(h, spec, labels, exprs);
        title = fn + "Hessian d2f/d" + h.rows() + " d" + h.cols() + " (" + h.column() + ")";
        yLabel = "d2f/d" + h.rows() + " d" + h.cols();
      } else if (o instanceof OutputSpec.Eigenvalues e) {
        int n = e.dims(spec.paramsByName())[0];
        for (int i = 0; i < n; i++) {
          labels.add("lambda_" + i);
          exprs.add("`" + e.column() + "`[" + i + "]");
        }
        title =
            fn + "eigenvalues of the Hessian in (" + String.join(", ", e.params()) + "), ascending";
        yLabel = "eigenvalue";
      } else {
        continue;
      }
      if (labels.size() > MAX_CURVES) {
        err.println(
            "note: "
                + o.column()
                + ": drawing the first "
                + MAX_CURVES
                + " of "
                + labels.size()
                + " curves");
        labels = labels.subList(0, MAX_CURVES);
        exprs = exprs.subList(0, MAX_CURVES);
        title += ", first " + MAX_CURVES;
      }
      List<LineEnvelope> curves =
          LineEnvelope.aggregate(data, x, labels, exprs, x0, x1, conf.width());
      out.addAll(
          ReferenceFigures.save(
              ReferenceFigures.curves(
                  title + (labels.size() > 1 ? ", one curve per component" : ""),
                  x,
                  yLabel,
                  curves,
                  conf),
              o.column(),
              conf));
    }
    return out;
  }

  /**
   * The entries of a Hessian block: scalar, vector (one input scalar) or matrix (row by row; only i
   * <= j for a symmetric block), added as legend labels and SQL expressions.
   */
  static void entries(
      OutputSpec.Hessian h, SweepSpec spec, List<String> labels, List<String> exprs) {
    int[] dims = h.dims(spec.paramsByName());
    String col = "`" + h.column() + "`";
    boolean rowScalar = spec.paramsByName().get(h.rows()).shape().isScalar();
    if (dims.length == 0) {
      labels.add("d2f/d" + h.rows() + " d" + h.cols());
      exprs.add(col);
    } else if (dims.length == 1) {
      for (int i = 0; i < dims[0]; i++) {
        labels.add(
            rowScalar
                ? "d2f/d" + h.rows() + " d" + h.cols() + "_" + i
                : "d2f/d" + h.rows() + "_" + i + " d" + h.cols());
        exprs.add(col + "[" + i + "]");
      }
    } else {
      boolean symmetric = h.rows().equals(h.cols());
      for (int i = 0; i < dims[0]; i++) {
        for (int j = symmetric ? i : 0; j < dims[1]; j++) {
          labels.add("d2f/d" + h.rows() + "_" + i + " d" + h.cols() + "_" + j);
          exprs.add(col + "[" + i + "][" + j + "]");
        }
      }
    }
  }
}
