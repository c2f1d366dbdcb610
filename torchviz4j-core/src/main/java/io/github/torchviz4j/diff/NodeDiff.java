package io.github.torchviz4j.diff;

import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * One node of the union of two graphs. Immutable.
 *
 * @param before the node's id in the graph before, empty when it was added
 * @param after the node's id in the graph after, empty when it was removed
 * @param kind same, changed, added or removed
 * @param changes for a changed node, what changed, one entry each, e.g. {@code op ReluBackward0 →
 *     GeluBackward0} or {@code shape (256, 784) → (128, 784)}; empty otherwise
 */
public record NodeDiff(String before, String after, DiffKind kind, List<String> changes) {

  /**
   * Validates and copies.
   *
   * @param before the id before, or empty
   * @param after the id after, or empty
   * @param kind how the node changed
   * @param changes what changed
   */
  public NodeDiff {
    Checks.notNull(before, "id before");
    Checks.notNull(after, "id after");
    Checks.notNull(kind, "diff kind");
    changes = List.copyOf(Checks.notNull(changes, "changes"));
    Checks.check(!before.isEmpty() || !after.isEmpty(), "a node diff needs an id before or after");
  }
}
