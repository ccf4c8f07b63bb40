package gradgrid.job.parquet;

import gradgrid.ad.Param;
import gradgrid.job.conf.OutputSpec;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.grid.Axis;
import gradgrid.job.grid.Samples;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** The write stage: a sweep's rows (read through the {@code gradgrid} source) as Parquet. */
public final class SweepWriter {
  /**
   * Axes with at most this many points keep Parquet's dictionary encoding (their values repeat
   * across the grid); longer axes and all outputs, whose values rarely repeat, are written plain.
   */
  public static final long DICTIONARY_MAX_POINTS = 1 << 16;

  /** Spark's own setting for the Parquet codec, honoured when the conf names none. */
  public static final String SPARK_CODEC_KEY = "spark.sql.parquet.compression.codec";

  /**
   * The codec when neither the conf nor the session names one: zstd, the smallest files on the seed
   * and coefficient sweeps at no measurable cost in time (bench/RESULTS-codecs.md), where Spark's
   * snappy saves little on doubles.
   */
  public static final String DEFAULT_CODEC = "zstd";

  private SweepWriter() {}

  /**
   * The Parquet codec a sweep writes with: the conf's {@code output.compression}, else the
   * session's {@value #SPARK_CODEC_KEY} when it was set (by {@code --conf} or a defaults file),
   * else {@value #DEFAULT_CODEC}.
   *
   * @param spark the session
   * @param spec the sweep
   * @return the codec name, lower case
   */
  public static String codec(SparkSession spark, SweepSpec spec) {
    return spec.compression()
        .orElseGet(
            () ->
                spark.conf().contains(SPARK_CODEC_KEY)
                    ? spark.conf().get(SPARK_CODEC_KEY).toLowerCase(Locale.ROOT)
                    : DEFAULT_CODEC);
  }

  /**
   * Appends rows as Parquet to a run's staging directory with Spark's commit protocol (the files
   * appear when every task has committed). The output commit decides what the files become.
   *
   * @param rows the rows
   * @param spec the sweep (for the dictionary options)
   * @param codec the Parquet codec ({@link #codec})
   * @param staging the staging directory
   */
  public static void write(Dataset<Row> rows, SweepSpec spec, String codec, Path staging) {
    rows.write()
        .mode(SaveMode.Append)
        .option("compression", codec)
        .options(dictionaryOptions(spec))
        .parquet(staging.toString());
  }

  /**
   * Parquet writer options that turn dictionary encoding off for the columns whose values rarely
   * repeat: every output, and axes (and a sample index) longer than {@link #DICTIONARY_MAX_POINTS}.
   * For those, the writer would fill a dictionary of distinct doubles until it overflows and then
   * fall back to plain encoding, page after page: about a fifth of the write time of an x-sweep
   * (JFR, 1e7 rows).
   *
   * @param spec the sweep
   * @return options {@code parquet.enable.dictionary#<column path>} = {@code false}
   */
  public static Map<String, String> dictionaryOptions(SweepSpec spec) {
    Map<String, String> o = new LinkedHashMap<>();
    if (spec.grid().samples().map(s -> s.points() > DICTIONARY_MAX_POINTS).orElse(false)) {
      o.put("parquet.enable.dictionary#" + Samples.INDEX_COLUMN, "false");
    }
    for (Axis a : spec.grid().axes()) {
      if (a.points() > DICTIONARY_MAX_POINTS) {
        o.put("parquet.enable.dictionary#" + a.column(), "false");
      }
    }
    Map<String, Param> params = spec.paramsByName();
    for (OutputSpec out : spec.outputs()) {
      if (out instanceof OutputSpec.CriticalPoints) {
        continue; // short arrays of a struct: dictionaries cost little there
      }
      // Spark writes arrays as Parquet's three-level lists: <name>.list.element
      String path = out.column() + ".list.element".repeat(out.dims(params).length);
      o.put("parquet.enable.dictionary#" + path, "false");
    }
    return o;
  }
}
