package gradgrid.job.parquet;

import gradgrid.ad.Param;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.criticals.CriticalPointsType;
import gradgrid.job.grid.Axis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schema of a sweep: one non-null double per axis ({@code x}, {@code alpha_1}), then
 * one column per output: double, {@code array<double>} or {@code array<array<double>>} (a matrix as
 * a list of rows), or for a {@code critical-points} output the struct of {@link
 * CriticalPointsType}.
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
    for (Axis a : spec.grid().axes()) {
      fields.add(DataTypes.createStructField(a.column(), DataTypes.DoubleType, false));
    }
    Map<String, Param> params = spec.paramsByName();
    for (OutputSpec o : spec.outputs()) {
      DataType t = DataTypes.DoubleType;
      if (o instanceof OutputSpec.CriticalPoints) {
        t = CriticalPointsType.TYPE;
      }
      for (int i = 0; i < o.dims(params).length; i++) {
        t = DataTypes.createArrayType(t, false);
      }
      fields.add(DataTypes.createStructField(o.column(), t, false));
    }
    return DataTypes.createStructType(fields);
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
