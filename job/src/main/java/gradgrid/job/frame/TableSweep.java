package gradgrid.job.frame;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import gradgrid.ad.Param;
import gradgrid.ad.ir.Shape;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FromTable;
import gradgrid.job.conf.InputBinding;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Samples;
import gradgrid.job.parquet.SweepSchema;
import gradgrid.job.partitions.PartitionPlan;
import gradgrid.job.run.ColumnStats;
import gradgrid.job.run.EvaluatorFactory;
import gradgrid.job.run.SweepTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A {@code from-table} sweep: every row of the table at every point of the conf's grid (a grid
 * without axes has one point), the table's columns binding the {@link InputBinding.Column} inputs
 * by name. Its rows are the table's columns, carried through, then the sweep's own columns (sample
 * index, axes, outputs) as a grid sweep names and types them, the outputs null where an input is.
 * The table is read, counted and checked against the inputs when opened, before anything is
 * evaluated or written.
 */
public final class TableSweep {
  /** The key of the table's files in the run's identity (no conf can have it: it is not a key). */
  public static final String FILES_KEY = "gradgrid-table-files";

  private final SweepSpec spec;
  private final FromTable from;
  private final Dataset<Row> table;
  private final long tableRows;
  private final long rows;

  private TableSweep(
      SweepSpec spec, FromTable from, Dataset<Row> table, long tableRows, long rows) {
    this.spec = spec;
    this.from = from;
    this.table = table;
    this.tableRows = tableRows;
    this.rows = rows;
  }

  /**
   * Reads the table of a {@code from-table} sweep, checks its columns against the inputs and counts
   * its rows (one Spark job; for Parquet, from the footers).
   *
   * @param spark the session
   * @param spec a sweep with a table
   * @return the sweep over the table
   * @throws ConfException in one paragraph when the table cannot be read, has no rows, lacks an
   *     input's column or holds it with the wrong type, or has a column of the name of one of the
   *     sweep's own columns
   * @throws IllegalArgumentException if {@code spec} has no table
   */
  public static TableSweep open(SparkSession spark, SweepSpec spec) {
    FromTable from =
        spec.table()
            .orElseThrow(() -> new IllegalArgumentException("not a from-table sweep: " + spec));
    Dataset<Row> table = read(spark, from);
    check(table.schema(), spec, from);
    long n = table.count();
    if (n == 0) {
      throw new ConfException(
          "inputs." + FromTable.KEY + ": " + from.describe() + " has no rows; nothing to sweep");
    }
    try {
      return new TableSweep(spec, from, table, n, Math.multiplyExact(n, spec.grid().rows()));
    } catch (ArithmeticException e) {
      throw new ConfException(
          "inputs."
              + FromTable.KEY
              + ": "
              + n
              + " rows of "
              + from.describe()
              + " at each of the grid's "
              + spec.grid().rows()
              + " points overflow a row count; shrink the grid or the table");
    }
  }

  private static Dataset<Row> read(SparkSession spark, FromTable from) {
    try {
      return from.isPath() ? spark.read().parquet(from.location()) : spark.table(from.location());
    } catch (Exception e) { // Spark's AnalysisException is checked but thrown undeclared
      if (!(e instanceof AnalysisException a)) {
        throw e;
      }
      String why = a.getMessage().lines().findFirst().orElse("");
      throw new ConfException(
          "inputs."
              + FromTable.KEY
              + ": cannot read "
              + from.describe()
              + (from.isPath()
                  ? ""
                  : " (not a table of the session's catalog, and no file or directory of that name"
                      + " exists)")
              + ": "
              + why);
    }
  }

  /** The table's columns against the inputs they bind and the columns the sweep adds. */
  private static void check(StructType schema, SweepSpec spec, FromTable from) {
    String key = "inputs." + FromTable.KEY + ": ";
    for (InputBinding b : spec.inputs()) {
      if (!(b instanceof InputBinding.Column c)) {
        continue;
      }
      Param p = c.param();
      String shape =
          p.shape().isScalar() ? "a number" : "an array of " + p.shape().size() + " numbers";
      StructField field = null;
      for (StructField f : schema.fields()) {
        if (f.name().equals(p.name())) {
          field = f;
        }
      }
      if (field == null) {
        throw new ConfException(
            key
                + "the conf does not set input '"
                + p.name()
                + "' ("
                + shape
                + "), so it is read from the column of that name, which "
                + from.describe()
                + " does not have (its columns: "
                + String.join(", ", schema.fieldNames())
                + "); set it in inputs, or add the column");
      }
      if (!BatchedRows.reads(p, field.dataType())) {
        throw new ConfException(
            key
                + "input '"
                + p.name()
                + "' must be "
                + shape
                + "; column '"
                + p.name()
                + "' of "
                + from.describe()
                + " is "
                + field.dataType().sql());
      }
    }
    Map<String, String> taken = new HashMap<>();
    for (StructField f : SweepSchema.of(spec).fields()) {
      taken.put(f.name().toLowerCase(Locale.ROOT), f.name());
    }
    for (String name : schema.fieldNames()) {
      String clash = taken.get(name.toLowerCase(Locale.ROOT));
      if (clash != null) {
        throw new ConfException(
            key
                + "column '"
                + name
                + "' of "
                + from.describe()
                + " would meet the sweep's own column '"
                + clash
                + "' in the output; drop or rename it in the table, or set that input in the conf"
                + " under another name");
      }
    }
  }

  /**
   * The rows the sweep evaluates: the table's rows times the grid's points.
   *
   * @return the row count
   */
  public long rows() {
    return rows;
  }

  /**
   * The table's rows.
   *
   * @return the row count
   */
  public long tableRows() {
    return tableRows;
  }

  /**
   * The partition count: the conf's {@code partitions}, or derived from the rows as a grid sweep's
   * is; at most one per table row, since each task sweeps whole table rows.
   *
   * @param cores the cluster's default parallelism
   * @return the partition count, at least 1
   */
  public int partitions(int cores) {
    int n =
        PartitionPlan.count(spec.partitions(), Math.max(1, rows), spec.innerPointsPerRow(), cores);
    return (int) Math.max(1, Math.min(n, tableRows));
  }

  /**
   * What identifies the run ({@code ConfHash}): the conf's JSON with one more top-level key,
   * {@value #FILES_KEY}, listing each file the table reads (path, length, modification time), or
   * for a table of another source its name and row count. A finished output is this run's only
   * while the table is unchanged.
   *
   * @param hadoop the Hadoop configuration
   * @return the JSON text
   */
  public String identity(Configuration hadoop) {
    String[] files = table.inputFiles();
    Arrays.sort(files);
    List<String> lines = new ArrayList<>();
    lines.add(from.location() + " " + tableRows);
    try {
      for (String f : files) {
        Path p = file(f);
        FileStatus s = p.getFileSystem(hadoop).getFileStatus(p);
        lines.add(f + " " + s.getLen() + " " + s.getModificationTime());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + from.describe(), e);
    }
    return spec.conf()
        .withValue(FILES_KEY, ConfigValueFactory.fromIterable(lines))
        .render(ConfigRenderOptions.concise());
  }

  /** A file {@code inputFiles} names: a URL-encoded URI ({@code %20} for a space), or a path. */
  private static Path file(String name) {
    try {
      return new Path(new URI(name));
    } catch (URISyntaxException e) {
      return new Path(name);
    }
  }

  /**
   * The sweep's rows, evaluated lazily: the table repartitioned to {@link #partitions} when its own
   * partitioning differs, each row expanded over the grid inside its task, and the kernel run a
   * batch of rows at a time.
   *
   * @param factory the sweep's evaluator recipe
   * @param partitions the partition count ({@link #partitions})
   * @param stats a registered accumulator with one column per axis and output element, or null
   * @return the rows
   */
  public Dataset<Row> read(EvaluatorFactory factory, int partitions, ColumnStats stats) {
    Dataset<Row> in =
        table.rdd().getNumPartitions() == partitions ? table : table.repartition(partitions);
    StructType schema = table.schema();
    List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
    if (spec.grid().samples().isPresent()) {
      fields.add(DataTypes.createStructField(Samples.INDEX_COLUMN, DataTypes.LongType, false));
    }
    Map<String, Integer> axisField = new HashMap<>();
    for (Axis a : spec.grid().axes()) {
      axisField.put(a.column(), fields.size());
      fields.add(DataTypes.createStructField(a.column(), DataTypes.DoubleType, false));
    }
    List<Param> inputs = new ArrayList<>();
    List<Integer> inputFields = new ArrayList<>();
    List<Integer> axisInputs = new ArrayList<>();
    int col = 0;
    for (InputBinding b : spec.inputs()) {
      if (b instanceof InputBinding.Column c) {
        inputs.add(c.param());
        inputFields.add(schema.fieldIndex(c.param().name()));
        col += c.param().shape().size();
      }
      for (Axis a : b.axes()) {
        inputs.add(new Param(a.column(), Shape.SCALAR));
        inputFields.add(axisField.get(a.column()));
        axisInputs.add(col++);
      }
    }
    if (col != factory.inputWidth()) {
      throw new IllegalStateException(
          "the kernel reads " + factory.inputWidth() + " columns, the bindings give " + col);
    }
    Map<String, Param> params = spec.paramsByName();
    List<OutputSpec> outputs = spec.outputs();
    for (OutputSpec o : outputs) {
      fields.add(DataTypes.createStructField(o.column(), SweepSchema.valueType(o, params), true));
    }
    BatchedRows batched =
        new BatchedRows(
            factory,
            inputs,
            inputFields.stream().mapToInt(Integer::intValue).toArray(),
            inputFields.stream().map(i -> fields.get(i).name()).toArray(String[]::new),
            outputs,
            params,
            SweepTask.batchRows(spec.batchSize(), factory.inputWidth() + factory.outputWidth()),
            stats,
            axisInputs.stream().mapToInt(Integer::intValue).toArray());
    GridProduct product = spec.grid().axes().isEmpty() ? null : new GridProduct(spec.grid());
    MapPartitionsFunction<Row, Row> step =
        rows -> batched.call(product == null ? rows : product.apply(rows));
    return in.mapPartitions(step, Encoders.row(DataTypes.createStructType(fields)));
  }
}
