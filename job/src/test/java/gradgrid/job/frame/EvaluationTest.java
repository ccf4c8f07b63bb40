package gradgrid.job.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.ad.AD;
import gradgrid.ad.Fn;
import gradgrid.ad.examples.Rational;
import gradgrid.job.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each mistake in an {@link Evaluation} as one message naming what is wrong, raised before any row
 * is read (a vector of the wrong length on some row, which only the data shows, fails the job with
 * the same kind of message).
 */
class EvaluationTest {
  private static final Fn F = Rational.of(2, 2);
  private static Dataset<Row> df;

  @BeforeAll
  static void table() {
    StructType schema =
        new StructType()
            .add("x", DataTypes.DoubleType)
            .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("beta", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("name", DataTypes.StringType)
            .add("f", DataTypes.DoubleType);
    Double[] v = {1.0, 2.0, 3.0};
    df =
        SparkTestSession.get()
            .createDataFrame(List.of(RowFactory.create(0.5, v, v, "a", 1.0)), schema);
  }

  private static void refused(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
    }
    assertTrue(e.getMessage().startsWith("Gradgrid: "), e.getMessage());
  }

  @Test
  void aMissingColumnNamesTheParameterAndTheColumns() {
    refused(
        () -> Gradgrid.evaluate(df.drop("beta"), F, "f'"),
        "parameter 'beta'",
        "an array of 3 numbers",
        "x, alpha, name, f",
        "fix(\"beta\"");
    refused(
        () -> Gradgrid.of(F).column("x", "X").outputs("f'").on(df), "column 'X'", "there is 'x'");
  }

  @Test
  void twoColumnsOfTheParametersNameAreRefused() {
    Dataset<Row> joined = df.select(df.col("x"), df.col("alpha"), df.col("beta"), df.col("x"));
    refused(() -> Gradgrid.evaluate(joined, F, "f'"), "two columns of that name", "'x'");
  }

  @Test
  void aColumnOfTheWrongTypeIsRefused() {
    refused(
        () -> Gradgrid.of(F).column("x", "name").outputs("f'").on(df),
        "'x'",
        "must be a number",
        "column 'name' is STRING");
    refused(
        () -> Gradgrid.of(F).column("alpha", "x").outputs("f'").on(df),
        "must be an array of 3 numbers",
        "column 'x' is DOUBLE");
  }

  @Test
  void unknownParametersAndBadValuesAreRefused() {
    refused(() -> Gradgrid.of(F).column("gamma", "x"), "no parameter 'gamma'", "x, alpha, beta");
    refused(() -> Gradgrid.of(F).fix("alpha", 1, 2), "'alpha' has 3 elements", "has 2");
    refused(
        () -> Gradgrid.of(F).column("beta", "alpha").fix("beta", 1, 2, 3),
        "read from column 'alpha'");
    refused(() -> Gradgrid.of(F).fix("x", 1).column("x", "f"), "fixed to a value");
    refused(() -> Gradgrid.of(F).batchSize(0), "batch size must be positive");
    refused(() -> Gradgrid.of(AD.grad(F, 1)), "must return a scalar");
  }

  @Test
  void badOutputsAreRefused() {
    refused(() -> Gradgrid.evaluate(df, F), "no outputs");
    refused(() -> Gradgrid.evaluate(df, F, "grad(gamma)"), "output 1", "gamma");
    refused(() -> Gradgrid.evaluate(df, F, "f'", "df/dx"), "repeats", "df_dx");
    refused(
        () -> Gradgrid.evaluate(df, F, "critical-points(x, -1, 1, 100)"),
        "scans 'x' over its own inner grid",
        "fix it to a value first, like .fix(\"x\", 1.5)");
    refused(() -> Gradgrid.evaluate(df, F, "f"), "column 'f'", "already has", "withColumnRenamed");
  }

  @Test
  void aRowWithAVectorOfTheWrongLengthFailsTheJobNamingTheColumn() {
    Dataset<Row> wrong =
        df.drop("f").withColumn("alpha", org.apache.spark.sql.functions.array(df.col("x")));
    SparkException e =
        assertThrows(SparkException.class, () -> Gradgrid.evaluate(wrong, F, "f").collectAsList());
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertEquals(
        "Gradgrid: parameter 'alpha' needs 3 elements; a row of column 'alpha' has 1: [0.5]",
        root.getMessage());
  }
}
