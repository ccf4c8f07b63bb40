package gradgrid.job.grid;

/**
 * An axis with only some of its positions kept (by a pushed-down filter): position {@code i} of
 * this axis is position {@code kept.position(i)} of the base axis, with the base's value there, so
 * the kept rows have bit for bit the coordinates they have on the whole grid.
 *
 * @param base the whole axis
 * @param kept the positions of the base kept, not empty
 */
public record Restricted(Axis base, PositionSet kept) implements Axis {
  /**
   * Checks that something is kept and that the kept positions lie on the base.
   *
   * @param base the whole axis
   * @param kept the positions kept
   */
  public Restricted {
    if (kept.count() == 0 || kept.position(kept.count() - 1) >= base.points()) {
      throw new IllegalArgumentException("positions " + kept + " of " + base);
    }
  }

  @Override
  public AxisInput input() {
    return base.input();
  }

  @Override
  public long points() {
    return kept.count();
  }

  @Override
  public double value(long i) {
    return base.value(kept.position(i));
  }
}
