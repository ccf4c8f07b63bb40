package gradgrid.job.conf;

import java.util.Locale;

/**
 * Whether a vector output's curves are drawn as one panel per component, {@code
 * figures.small-multiples}: {@code auto} (when their ranges differ by more than a factor {@code
 * 20}, see {@code gradgrid.job.figures.Panels}), {@code always}, or {@code never}.
 */
public enum SmallMultiples {
  /** Panels when the components' ranges differ by more than the factor. */
  AUTO,
  /** One panel per component. */
  ALWAYS,
  /** All components in one panel. */
  NEVER;

  /**
   * The name as the conf writes it.
   *
   * @return {@code auto}, {@code always} or {@code never}
   */
  public String confName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
