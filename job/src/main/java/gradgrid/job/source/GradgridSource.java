package gradgrid.job.source;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import gradgrid.job.conf.ConfException;
import gradgrid.job.conf.FromTable;
import gradgrid.job.conf.SweepConfLoader;
import gradgrid.job.conf.SweepSpec;
import gradgrid.job.run.FunctionProviders;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code gradgrid} data source: a sweep conf read as a table, computed only when a query runs.
 * {@code spark.read().format("gradgrid").option("conf", "conf/seed.conf").load()}, or {@code CREATE
 * TEMPORARY VIEW seed USING gradgrid OPTIONS (conf 'conf/seed.conf')}; option {@value #CONF_TEXT}
 * takes the conf's text instead of a file, and {@code load("conf/seed.conf")} is the same as option
 * {@value #CONF}. The columns are those of the Parquet a sweep writes. Registered under its short
 * name through {@code META-INF/services}.
 */
public final class GradgridSource implements TableProvider, DataSourceRegister {
  /** The format name. */
  public static final String SHORT_NAME = "gradgrid";

  /** Option: the sweep conf file (HOCON), relative to the working directory. */
  public static final String CONF = "conf";

  /** Spark's option for {@code load(path)}: the same as {@value #CONF}. */
  public static final String PATH = "path";

  /** Option: the sweep conf's text itself, for notebooks. */
  public static final String CONF_TEXT = "conf-text";

  /**
   * Option: hand the kernel's columns to Spark as columnar batches when every column read is a
   * scalar ({@code true}, the default), or always produce rows ({@code false}).
   */
  public static final String COLUMNAR = "columnar";

  private Map<String, String> resolvedOptions;
  private SweepTable resolved;

  /** Creates the provider (Spark instantiates it by its class name or short name). */
  public GradgridSource() {}

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return table(options.asCaseSensitiveMap()).schema();
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return table(properties);
  }

  /** Loads the conf once per set of options (Spark asks for the schema, then for the table). */
  private synchronized SweepTable table(Map<String, String> options) {
    if (resolved == null || !options.equals(resolvedOptions)) {
      resolved = load(new CaseInsensitiveStringMap(options));
      resolvedOptions = Map.copyOf(options);
    }
    return resolved;
  }

  private static SweepTable load(CaseInsensitiveStringMap options) {
    if (options.containsKey(SweepRuns.OPTION)) {
      SweepRuns.Run run = SweepRuns.lookup(options.get(SweepRuns.OPTION));
      return new SweepTable(run.spec(), null, run);
    }
    if (options.containsKey(SweepRuns.SWEEP_OPTION)) {
      SweepRuns.Sweep sweep = SweepRuns.lookupSweep(options.get(SweepRuns.SWEEP_OPTION));
      return new SweepTable(sweep.spec(), sweep.providers(), null);
    }
    String file = options.containsKey(CONF) ? options.get(CONF) : options.get(PATH);
    String text = options.get(CONF_TEXT);
    if ((file == null) == (text == null)) {
      throw new ConfException(
          "the gradgrid source needs exactly one of the options '"
              + CONF
              + "' (a sweep conf file) and '"
              + CONF_TEXT
              + "' (the conf's text), like .option(\"conf\", \"conf/seed.conf\")");
    }
    FunctionProviders providers = FunctionProviders.load();
    SweepConfLoader loader = new SweepConfLoader(providers, Path.of(""));
    SweepSpec spec =
        file != null ? loader.load(Path.of(file)) : loader.parse(parse(text), "inline");
    if (spec.table().isPresent()) {
      throw new ConfException(
          "inputs."
              + FromTable.KEY
              + ": this conf sweeps the rows of "
              + spec.table().get().describe()
              + ", which the gradgrid source does not read (its partitions are index ranges of a"
              + " grid); run it with ./submit.sh <conf>, query it live in ./submit.sh sql (its"
              + " _live view), or add its outputs to the table with Gradgrid.evaluate");
    }
    return new SweepTable(spec, providers, null);
  }

  private static Config parse(String text) {
    try {
      return ConfigFactory.parseString(
              text, ConfigParseOptions.defaults().setOriginDescription("option " + CONF_TEXT))
          .resolve();
    } catch (ConfigException e) {
      throw new ConfException(e.getMessage());
    }
  }
}
