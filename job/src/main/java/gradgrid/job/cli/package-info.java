/**
 * The command layer, which no stage imports: argument checks, usage lines, the session ({@link
 * gradgrid.job.cli.Sessions}), and the one set of exit codes ({@link gradgrid.job.cli.ExitCode}).
 * {@link gradgrid.job.cli.SweepMain} ({@code ./submit.sh <conf>}) loads and checks a conf before
 * Spark starts, then runs the write stage and, when the conf asks, the figures stage; {@link
 * gradgrid.job.cli.SqlMain}, {@link gradgrid.job.cli.PlotMain} and {@link
 * gradgrid.job.cli.ExtremaMain} are the result commands ({@link gradgrid.job.cli.ConfCommand} is
 * the shared entry of the two that take one conf); {@link gradgrid.job.cli.SqlShell} is {@code sql}
 * with no query and {@link gradgrid.job.cli.ConnectServer} the Spark Connect server, both on the
 * views {@link gradgrid.job.cli.SqlViews} registers. Stages report bad input as {@link
 * gradgrid.job.conf.ConfException}; only this layer turns it into exit code 2.
 */
package gradgrid.job.cli;
