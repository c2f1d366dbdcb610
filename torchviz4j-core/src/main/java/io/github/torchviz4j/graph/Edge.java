package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;

/**
 * A directed connection between two nodes, pointing the way data flows in the forward pass
 * (inputs towards outputs). Immutable.
 *
 * @param tail the id of the node the edge starts at
 * @param head the id of the node the edge points to
 * @param kind why the nodes are connected
 * @param name for a {@link EdgeKind#SAVED} edge the saved field's name ({@code mat1},
 *     {@code tensors[0]}), which labels the saved tensor; empty otherwise
 */
public record Edge(String tail, String head, EdgeKind kind, String name) {

  /** Validates the fields. */
  public Edge {
    Checks.notNull(tail, "edge tail");
    Checks.notNull(head, "edge head");
    Checks.notNull(kind, "edge kind");
    Checks.notNull(name, "edge name");
  }

  /**
   * An unnamed edge.
   *
   * @param tail the id of the node the edge starts at
   * @param head the id of the node the edge points to
   * @param kind why the nodes are connected
   */
  public Edge(String tail, String head, EdgeKind kind) {
    this(tail, head, kind, "");
  }
}
