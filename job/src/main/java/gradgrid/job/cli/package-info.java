/**
 * Command entry points that combine the stages of several packages. {@link
 * gradgrid.job.cli.PlotMain} ({@code ./submit.sh plot}) draws figures and, when the heatmaps'
 * output is missing, runs that sweep with {@link gradgrid.job.SweepMain}'s sweep stage; living here
 * rather than in {@code figures} keeps the figures stage free of the sweep entry point, so {@code
 * SweepMain} and the figures depend on each other in one direction only.
 */
package gradgrid.job.cli;
