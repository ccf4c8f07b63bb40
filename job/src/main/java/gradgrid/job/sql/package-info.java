/**
 * Spark SQL over sweep outputs: {@code ./submit.sh sql "SELECT ..."}.
 *
 * <p>Each finished sweep output becomes a temporary view named after its sweep: the conf file's
 * base name with every character that is not a letter, digit or underscore replaced by {@code _}
 * ({@code conf/seed.conf} -> {@code seed}, {@code conf/seed-coefficients.conf} -> {@code
 * seed_coefficients}). By default the confs {@code conf/*.conf} are scanned and each one's {@code
 * output.dir} is registered; with {@code --dir DIR} every sub-directory of {@code DIR} holding
 * Parquet is registered under its directory name instead. The critical points written by {@code
 * ./submit.sh extrema} ({@code <output.dir>-extrema}) are registered too, as {@code
 * <name>_extrema}.
 *
 * <p>An output is used only when its manifest is there and the directory holds exactly the files it
 * lists, at their sizes ({@link gradgrid.job.store.FinishedOutput}): otherwise the sweep did not
 * finish, or its files were changed, and they are not one run's complete result.
 *
 * <p>The figures and the extrema read their data through the same {@link
 * gradgrid.job.sql.SweepOutput}, so data flows one way: Parquet, then views, then pictures and
 * tables.
 */
package gradgrid.job.sql;
