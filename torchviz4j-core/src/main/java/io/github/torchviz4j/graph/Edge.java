package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * A directed connection between two nodes, pointing the way data flows in the forward pass
 * (inputs towards outputs). Immutable.
 *
 * @param tail the id of the node the edge starts at
 * @param head the id of the node the edge points to
 * @param kind why the nodes are connected
 * @param name for a {@link EdgeKind#SAVED} edge the saved field's name ({@code mat1},
 *     {@code tensors[0]}), which labels the saved tensor; empty otherwise
 * @param shape for an {@link EdgeKind#INPUT} edge the shape of the tensor that flows from tail to
 *     head in the forward pass, when known; empty otherwise
 */
public record Edge(String tail, String head, EdgeKind kind, String name, List<Long> shape) {

  /**
   * Validates the fields.
   *
   * @param tail the id of the node the edge starts at
   * @param head the id of the node the edge points to
   * @param kind why the nodes are connected
   * @param name for a {@link EdgeKind#SAVED} edge the saved field's name ({@code mat1},
   *     {@code tensors[0]}), which labels the saved tensor; empty otherwise
   * @param shape for an {@link EdgeKind#INPUT} edge the shape of the tensor that flows from tail to
   *     head in the forward pass, when known; empty otherwise
   */
  public Edge {
    Checks.notNull(tail, "edge tail");
    Checks.notNull(head, "edge head");
    Checks.notNull(kind, "edge kind");
    Checks.notNull(name, "edge name");
    shape = List.copyOf(Checks.notNull(shape, "edge shape"));
  }

  /**
   * A named edge without shape.
   *
   * @param tail the id of the node the edge starts at
   * @param head the id of the node the edge points to
   * @param kind why the nodes are connected
   * @param name the saved field's name for a saved edge, else empty
   */
  public Edge(String tail, String head, EdgeKind kind, String name) {
    this(tail, head, kind, name, List.of());
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
