package gradgrid.job.frame;

import gradgrid.ad.Fn;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gradgrid on any DataFrame: adds a function's outputs and their derivatives (the sweep's outputs:
 * {@code f}, {@code df/dx}, {@code grad(alpha)}, {@code hessian(alpha, beta)}, ...) as columns,
 * evaluated by the compiled kernel of the AD transforms in batches inside each partition, as a
 * sweep evaluates its grid.
 *
 * <pre>{@code
 * Dataset<Row> out = Gradgrid.evaluate(points, f, "f", "df/dx", "grad(alpha)");
 * Dataset<Row> renamed = Gradgrid.of(f).column("x", "t").fix("beta", beta)
 *     .outputs("f", "grad(alpha)").on(points);
 * }</pre>
 */
public final class Gradgrid {
  private Gradgrid() {}

  /**
   * Adds the outputs of {@code f} to {@code df}, every parameter read from the column of the same
   * name (a number for a scalar parameter, an array of numbers of the declared length for a
   * vector). Nothing is evaluated until an action runs.
   *
   * @param df the rows to evaluate at; its columns are kept, in order, before the outputs
   * @param f the traced scalar function
   * @param outputs the outputs, written as in a sweep's conf ({@code "f"}, {@code "f'"}, {@code
   *     "grad(alpha)"}); each becomes a column named as in a sweep ({@code f}, {@code df_dx},
   *     {@code grad_alpha})
   * @return the rows with the output columns added
   * @throws IllegalArgumentException in one paragraph if an output, a column or its type does not
   *     fit the function
   */
  public static Dataset<Row> evaluate(Dataset<Row> df, Fn f, String... outputs) {
    return of(f).outputs(outputs).on(df);
  }

  /**
   * An evaluation of {@code f} to configure (columns that bind parameters under other names, fixed
   * parameters, outputs) before applying it to a DataFrame with {@link Evaluation#on}.
   *
   * @param f the traced scalar function
   * @return the evaluation, every parameter read from the column of its name, no outputs yet
   */
  public static Evaluation of(Fn f) {
    return Evaluation.of(f);
  }
}
