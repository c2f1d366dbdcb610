package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.NodeLayout;

/**
 * Computes where nodes and edges go. Implementations are stateless and thread-safe.
 *
 * <p>Postconditions of {@link #layout}: one {@link NodeLayout} per node and one {@link EdgeLayout}
 * per edge, in graph order; boxes sized to their labels as Graphviz sizes them and not overlapping; every edge
 * route starts on its tail's border and ends on its head's border; in an acyclic graph (every
 * autograd graph) each edge runs downwards, from the bottom of its tail to the top of its head.
 */
interface LayoutEngine {

  /**
   * Lays out a graph drawn as torchviz draws it, labels and colours from its statements.
   *
   * @param drawing the graph's torchviz statements, which give each node its label and role
   * @param options spacing and speed settings
   * @return the layout
   * @throws Torchviz4jException if the layout cannot be computed
   */
  Layout layout(TorchvizStatements drawing, LayoutOptions options);

  /**
   * Lays out a drawing: its nodes (legend notes included) with their labels and roles.
   *
   * @param drawing what to draw
   * @param options spacing and speed settings
   * @return the layout
   * @throws Torchviz4jException if the layout cannot be computed
   */
  default Layout layout(Drawing drawing, LayoutOptions options) {
    return layout(drawing.statements(), options);
  }

  /**
   * Lays out a graph with torchviz's default labels.
   *
   * @param graph the graph
   * @param options spacing and speed settings
   * @return the layout
   * @throws Torchviz4jException if the layout cannot be computed
   */
  default Layout layout(Graph graph, LayoutOptions options) {
    return layout(TorchvizStatements.of(graph), options);
  }
}
