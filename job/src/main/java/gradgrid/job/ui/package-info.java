/**
 * What the Spark UI and history server call gradgrid's work: {@link gradgrid.job.ui.JobDescription}
 * names the Spark jobs each stage starts after that stage ("sweep seed: evaluate and write",
 * "extrema seed: find sign changes", "sql: SELECT ...") instead of the call site Spark would show
 * ("parquet at SweepWriter.java:60"). Every stage may use it; it uses nothing of gradgrid.
 */
package gradgrid.job.ui;
