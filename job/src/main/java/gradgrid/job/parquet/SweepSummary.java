package gradgrid.job.parquet;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import gradgrid.ad.Param;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.run.ColumnStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary written with the data (its JSON text in {@code _gradgrid/summary.parquet}, see {@code
 * gradgrid.job.store.MetaFile}): the conf as resolved, row count, partitions, wall time, and per
 * column the finite min/max and the NaN/+inf/-inf counts (over all elements for array columns;
 * min/max are null when a column has no finite value). The numbers come from {@link ColumnStats},
 * gathered while the rows were written.
 */
public final class SweepSummary {
  /** Lists in the conf longer than this are summarised, not copied (see {@link #shortened}). */
  public static final int LONGEST_LIST = 1000;

  private final Map<String, Object> fields;

  private SweepSummary(Map<String, Object> fields) {
    this.fields = fields;
  }

  /**
   * Builds the summary.
   *
   * @param spec the sweep
   * @param stats the statistics of the written rows
   * @param rows the rows the sweep evaluates (the grid's, times a table's rows)
   * @param partitions the partition count used
   * @param wallSeconds seconds from start to commit
   * @param footerSeconds of those, the seconds spent adding the provenance to the Parquet footers
   * @return the summary
   */
  public static SweepSummary of(
      SweepSpec spec,
      ColumnStats stats,
      long rows,
      int partitions,
      double wallSeconds,
      double footerSeconds) {
    if (stats.rows() != rows) {
      throw new IllegalStateException("wrote " + stats.rows() + " rows but the sweep has " + rows);
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    int c = 0;
    for (Axis a : spec.grid().axes()) {
      columns.put(a.column(), column(stats, c, 1));
      c++;
    }
    Map<String, Param> params = spec.paramsByName();
    for (OutputSpec o : spec.outputs()) {
      int width = o.size(params);
      if (o instanceof OutputSpec.CriticalPoints) {
        // a struct per row, computed outside the kernel's columns: no column statistics
        continue;
      }
      columns.put(o.column(), column(stats, c, width));
      c += width;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("output", spec.output());
    m.put("rows", stats.rows());
    m.put("partitions", partitions);
    m.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
    m.put("footerSeconds", Math.round(footerSeconds * 1000) / 1000.0);
    m.put("columns", columns);
    m.put("conf", shortened(spec.conf().unwrapped()));
    return new SweepSummary(m);
  }

  /**
   * The conf (or a part of it, unwrapped) for the summary and the Parquet footers, with every list
   * longer than {@link #LONGEST_LIST} (a list axis of a million values) replaced by its length and
   * its first and last value: the summary stays small, and the manifest's conf hash still
   * identifies the whole conf.
   *
   * @param v an unwrapped conf value
   * @return the same value with long lists summarised
   */
  @SuppressWarnings("unchecked")
  public static Object shortened(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put((String) e.getKey(), shortened(e.getValue()));
      }
      return out;
    }
    if (v instanceof List<?> list) {
      if (list.size() <= LONGEST_LIST) {
        return list.stream().map(SweepSummary::shortened).toList();
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("length", list.size());
      out.put("first", list.get(0));
      out.put("last", list.get(list.size() - 1));
      return out;
    }
    return v;
  }

  private static Map<String, Object> column(ColumnStats s, int first, int width) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long nan = 0;
    long pos = 0;
    long neg = 0;
    for (int c = first; c < first + width; c++) {
      min = Math.min(min, s.min(c));
      max = Math.max(max, s.max(c));
      nan += s.nan(c);
      pos += s.posInf(c);
      neg += s.negInf(c);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("min", Double.isFinite(min) ? min : null);
    m.put("max", Double.isFinite(max) ? max : null);
    m.put("nan", nan);
    m.put("posInf", pos);
    m.put("negInf", neg);
    return m;
  }

  /**
   * Rows written.
   *
   * @return the row count
   */
  public long rows() {
    return ((Number) fields.get("rows")).longValue();
  }

  /**
   * The statistics of one column, as in the JSON.
   *
   * @param column the column name
   * @return min, max, nan, posInf, negInf
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> column(String column) {
    return (Map<String, Object>) ((Map<String, Object>) fields.get("columns")).get(column);
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
   * The summary that {@link #toJson} wrote.
   *
   * @param json the JSON text
   * @return the summary
   */
  public static SweepSummary parse(String json) {
    return new SweepSummary(ConfigFactory.parseString(json).root().unwrapped());
  }
}
