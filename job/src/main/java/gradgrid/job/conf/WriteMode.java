package gradgrid.job.conf;

/** What to do when the output directory already exists. */
public enum WriteMode {
  /** Refuse to run (the default). */
  ERROR,
  /** Replace an empty directory or an output gradgrid wrote; discard an unfinished run. */
  OVERWRITE,
  /**
   * Continue the unfinished run of the same conf (its committed chunks are kept), or do nothing
   * when the output is already this conf's finished output; otherwise as {@link #ERROR}.
   */
  RESUME
}
