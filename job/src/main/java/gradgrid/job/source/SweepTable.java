package gradgrid.job.source;

import gradgrid.job.conf.SweepSpec;
import gradgrid.job.parquet.SweepSchema;
import gradgrid.job.run.FunctionProviders;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A checked sweep as a readable table (batch reads only). Each scan builds, differentiates and
 * compiles only the outputs its query reads.
 */
final class SweepTable implements SupportsRead {
  private final SweepSpec spec;
  private final FunctionProviders providers;
  private final SweepRuns.Run run;
  private final StructType schema;

  /**
   * The table of a sweep.
   *
   * @param spec the checked sweep
   * @param providers the registry its function comes from (null when the CLI reads)
   * @param run the CLI's chunk when the CLI reads, else null
   */
  SweepTable(SweepSpec spec, FunctionProviders providers, SweepRuns.Run run) {
    this.spec = spec;
    this.providers = providers;
    this.run = run;
    this.schema = SweepSchema.of(spec);
  }

  @Override
  public String name() {
    return "gradgrid sweep " + spec.function().describe();
  }

  @Override
  @SuppressWarnings("deprecation") // Spark 4 still derives columns() from schema() for V2 tables
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new SweepScanBuilder(
        spec, providers, run, options.getBoolean(GradgridSource.COLUMNAR, true));
  }
}
