package gradgrid.ad.ir;

/**
 * A single-assignment variable: a graph input or the output of exactly one equation. Ids are unique
 * within one graph (and within the builder that makes it).
 */
public record Var(int id, Shape shape) implements Atom {
  @Override
  public String toString() {
    return "v" + id;
  }
}
