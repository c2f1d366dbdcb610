package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.TextMetrics;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The notes without edges (the gradient legend, the list of unused parameters), laid out as one
 * row above the drawing, left to right in graph order. ELK would pack them as separate components
 * in an order of its own, and a colour scale must read from low to high. Immutable.
 */
final class NoteRow {
  private final boolean[] inRow;
  private final double[] xs;
  private final double height;
  private final double width;
  private final double margin;
  private final double gap;

  private NoteRow(boolean[] inRow, double[] xs, double height, double width, double margin, double gap) {
    this.inRow = inRow;
    this.xs = xs;
    this.height = height;
    this.width = width;
    this.margin = margin;
    this.gap = gap;
  }

  /**
   * Finds the notes of a graph and lines them up.
   *
   * @param graph the graph
   * @param labeled its nodes, sized, in graph order
   * @param options the spacing
   * @return the row, empty when the graph has no such note
   */
  static NoteRow of(Graph graph, List<LabeledNode> labeled, LayoutOptions options) {
    Set<String> connected = new HashSet<>();
    graph.edges().forEach(edge -> {
      connected.add(edge.tail());
      connected.add(edge.head());
    });
    boolean[] inRow = new boolean[labeled.size()];
    double[] xs = new double[labeled.size()];
    double x = options.margin();
    double height = 0;
    for (int i = 0; i < labeled.size(); i++) {
      Node node = labeled.get(i).node();
      if (node.kind() == NodeKind.NOTE && !connected.contains(node.id())) {
        inRow[i] = true;
        xs[i] = x;
        x += labeled.get(i).width() + options.nodeSpacing();
        height = Math.max(height, labeled.get(i).height());
      }
    }
    double width = height == 0 ? 0 : x - options.nodeSpacing() + options.margin();
    return new NoteRow(inRow, xs, height, width, options.margin(), options.layerSpacing());
  }

  /**
   * @param node a node's index in graph order
   * @return whether the node is drawn in this row rather than by ELK
   */
  boolean contains(int node) {
    return inRow[node];
  }

  /** @return how far the rest of the drawing moves down to make room: 0 without notes */
  double shift() {
    return height == 0 ? 0 : height + gap;
  }

  /** @return the row's width, margins included; 0 without notes */
  double width() {
    return width;
  }

  /**
   * Places a note of the row.
   *
   * @param node the note's index in graph order
   * @param labeled the note, sized
   * @param metrics the metrics it was sized with
   * @return its layout, at the top of the drawing
   */
  NodeLayout place(int node, LabeledNode labeled, TextMetrics metrics) {
    return labeled.placeAt(xs[node], margin, metrics);
  }
}
