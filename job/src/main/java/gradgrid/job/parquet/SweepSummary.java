package gradgrid.job.parquet;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import gradgrid.job.conf.SweepSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The summary written beside the data as {@value #FILE_NAME}: the conf as resolved, row count,
 * partitions, wall time, and per column the finite min/max (scalars) and NaN/+inf/-inf counts
 * (every column, array elements included). Computed by reading the written Parquet back.
 */
public final class SweepSummary {
  /** File name inside the output directory (Spark's readers skip names starting with '_'). */
  public static final String FILE_NAME = "_gradgrid_summary.json";

  private final Map<String, Object> fields;

  private SweepSummary(Map<String, Object> fields) {
    this.fields = fields;
  }

  /**
   * Computes the summary from the written data.
   *
   * @param spark the session
   * @param spec the sweep
   * @param partitions the partition count used
   * @param wallSeconds seconds from start to commit
   * @return the summary
   */
  public static SweepSummary compute(
      SparkSession spark, SweepSpec spec, int partitions, double wallSeconds) {
    Dataset<Row> data = spark.read().parquet(spec.output());
    List<String> exprs = new ArrayList<>();
    exprs.add("count(1)");
    List<StructField> cols = List.of(data.schema().fields());
    for (StructField f : cols) {
      String c = "`" + f.name() + "`";
      DataType t = f.dataType();
      if (t.equals(DataTypes.DoubleType)) {
        String finite =
            "CASE WHEN isnan("
                + c
                + ") OR abs("
                + c
                + ") = double('inf') THEN NULL ELSE "
                + c
                + " END";
        exprs.add("min(" + finite + ")");
        exprs.add("max(" + finite + ")");
        exprs.add("count_if(isnan(" + c + "))");
        exprs.add("count_if(" + c + " = double('inf'))");
        exprs.add("count_if(" + c + " = double('-inf'))");
      } else {
        String flat = c;
        DataType inner = t;
        while (inner instanceof org.apache.spark.sql.types.ArrayType a
            && a.elementType() instanceof org.apache.spark.sql.types.ArrayType) {
          flat = "flatten(" + flat + ")";
          inner = a.elementType();
        }
        exprs.add("coalesce(sum(size(filter(" + flat + ", v -> isnan(v)))), 0)");
        exprs.add("coalesce(sum(size(filter(" + flat + ", v -> v = double('inf')))), 0)");
        exprs.add("coalesce(sum(size(filter(" + flat + ", v -> v = double('-inf')))), 0)");
      }
    }
    Row r = data.selectExpr(exprs.toArray(new String[0])).first();
    int i = 0;
    long rows = r.getLong(i++);
    Map<String, Object> columns = new LinkedHashMap<>();
    for (StructField f : cols) {
      Map<String, Object> s = new LinkedHashMap<>();
      if (f.dataType().equals(DataTypes.DoubleType)) {
        s.put("min", r.isNullAt(i) ? null : r.getDouble(i));
        i++;
        s.put("max", r.isNullAt(i) ? null : r.getDouble(i));
        i++;
      }
      s.put("nan", r.getLong(i++));
      s.put("posInf", r.getLong(i++));
      s.put("negInf", r.getLong(i++));
      columns.put(f.name(), s);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("output", spec.output());
    m.put("rows", rows);
    m.put("gridRows", spec.grid().rows());
    m.put("partitions", partitions);
    m.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
    m.put("columns", columns);
    m.put("conf", ConfigFactory.parseString(spec.confJson()).root().unwrapped());
    return new SweepSummary(m);
  }

  /**
   * Rows read back from the written data.
   *
   * @return the row count
   */
  public long rows() {
    return (Long) fields.get("rows");
  }

  /**
   * The summary as pretty-printed JSON.
   *
   * @return the JSON text
   */
  public String toJson() {
    return ConfigValueFactory.fromMap(fields)
        .render(ConfigRenderOptions.concise().setJson(true).setFormatted(true));
  }

  /**
   * Writes {@value #FILE_NAME} into the output directory (any Hadoop file system).
   *
   * @param spark the session (for the Hadoop configuration)
   * @param spec the sweep
   */
  public void write(SparkSession spark, SweepSpec spec) {
    Path file = new Path(spec.output(), FILE_NAME);
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(file, true)) {
        out.write(toJson().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
