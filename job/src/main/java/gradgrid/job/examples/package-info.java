/**
 * Small runnable programs that use gradgrid's Spark API the way a user's own job would, each run by
 * {@code ./submit.sh example <Name>} (the class {@code gradgrid.job.examples.<Name>}) through the
 * same launcher and jar as a sweep; the README shows their output.
 */
package gradgrid.job.examples;
