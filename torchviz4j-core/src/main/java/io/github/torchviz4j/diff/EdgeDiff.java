package io.github.torchviz4j.diff;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.internal.Checks;
import java.util.Optional;

/**
 * One edge of the union of two graphs. Immutable.
 *
 * @param before the edge in the graph before, empty when it was added
 * @param after the edge in the graph after, empty when it was removed
 * @param kind same, changed (the tensor flowing along it has another shape), added or removed
 */
public record EdgeDiff(Optional<Edge> before, Optional<Edge> after, DiffKind kind) {

  /**
   * Validates the fields.
   *
   * @param before the edge before, or empty
   * @param after the edge after, or empty
   * @param kind how the edge changed
   */
  public EdgeDiff {
    Checks.notNull(before, "edge before");
    Checks.notNull(after, "edge after");
    Checks.notNull(kind, "diff kind");
    Checks.check(before.isPresent() || after.isPresent(), "an edge diff needs an edge before or after");
  }
}
