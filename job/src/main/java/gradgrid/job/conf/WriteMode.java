package gradgrid.job.conf;

/** What to do when the output directory already exists. */
public enum WriteMode {
  /** Refuse to run (the default). */
  ERROR,
  /** Replace a directory that a previous gradgrid sweep wrote. */
  OVERWRITE
}
