package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Node;

/** One statement of torchviz's drawing of a graph: a node declaration or an edge. */
public sealed interface Statement {

  /**
   * Declares a node with the role and label it has at this point; a node may be declared again
   * with another role, and the last declaration wins, as in Graphviz.
   *
   * @param node the node
   * @param role its role in this declaration
   * @param label its label in this declaration
   */
  record NodeStatement(Node node, Role role, String label) implements Statement {}

  /**
   * Draws an edge.
   *
   * @param edge the edge
   */
  record EdgeStatement(Edge edge) implements Statement {}
}
