package gradgrid.job.parquet;

import gradgrid.ad.Param;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPointsType;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schema of a sweep: for a sampled sweep first the sample index ({@code sample},
 * bigint), then one non-null double per axis ({@code x}, {@code alpha_1}; a sampled coordinate is
 * an axis column like any other), then one column per output: double, {@code array<double>} or
 * {@code array<array<double>>} (a matrix as a list of rows), or for a {@code critical-points}
 * output the struct of {@link CriticalPointsType}.
 */
public final class SweepSchema {
  private SweepSchema() {}

  /**
   * Builds the schema.
   *
   * @param spec the sweep
   * @return the Spark schema, columns in row order
   */
  public static StructType of(SweepSpec spec) {
    List<StructField> fields = new ArrayList<>();
    if (spec.grid().samples().isPresent()) {
      fields.add(DataTypes.createStructField(Samples.INDEX_COLUMN, DataTypes.LongType, false));
    }
    for (Axis a : spec.grid().axes()) {
      fields.add(DataTypes.createStructField(a.column(), DataTypes.DoubleType, false));
    }
    Map<String, Param> params = spec.paramsByName();
    for (OutputSpec o : spec.outputs()) {
      fields.add(DataTypes.createStructField(o.column(), valueType(o, params), false));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * The Spark type of an output's column: the struct of {@link CriticalPointsType} for a {@code
   * critical-points} output, else {@link #valueType(int)} of its rank.
   *
   * @param o the output
   * @param params the sweep's parameters by name
   * @return the type
   */
  public static DataType valueType(OutputSpec o, Map<String, Param> params) {
    return o instanceof OutputSpec.CriticalPoints
        ? CriticalPointsType.TYPE
        : valueType(o.dims(params).length);
  }

  /**
   * The Spark type of an output's values: {@code double} for a scalar, {@code array<double>} for a
   * vector, {@code array<array<double>>} for a matrix (a list of rows); arrays hold no nulls.
   *
   * @param rank the number of the output's dimensions (0, 1 or 2)
   * @return the type
   */
  public static DataType valueType(int rank) {
    DataType t = DataTypes.DoubleType;
    for (int i = 0; i < rank; i++) {
      t = DataTypes.createArrayType(t, false);
    }
    return t;
  }

  /**
   * Names of the scalar (double) columns, axes first.
   *
   * @param spec the sweep
   * @return the column names
   */
  public static List<String> scalarColumns(SweepSpec spec) {
    List<String> out = new ArrayList<>();
    for (StructField f : of(spec).fields()) {
      if (f.dataType().equals(DataTypes.DoubleType)) {
        out.add(f.name());
      }
    }
    return out;
  }
}
