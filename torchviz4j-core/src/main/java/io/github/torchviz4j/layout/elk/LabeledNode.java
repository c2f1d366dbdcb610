package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.drawing.Role;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.TextLine;
import io.github.torchviz4j.layout.TextMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * A node with the role and label torchviz gives it and the box size Graphviz would draw for it
 * ({@code shape=box}, 10 pt monospace): the label plus 8 pt on each side and 4 pt above and below,
 * at least 54 x 14.4 pt (0.75 x 0.2 in). Immutable.
 *
 * @param node the graph node
 * @param role its fill role
 * @param lines its label lines (a label {@code "\n (1, 1)"} has an empty first line)
 * @param width the box width in points
 * @param height the box height in points
 * @param fill the fill colour {@code 0xRRGGBB} ({@link TorchvizStatements#fill})
 * @param mark how a diff's drawing marks it ({@link TorchvizStatements#mark})
 */
record LabeledNode(Node node, Role role, List<String> lines, double width, double height, int fill, Mark mark) {
  /** Graphviz's default node width, 0.75 in. */
  static final double MIN_WIDTH = 54;
  /** torchviz's {@code height=0.2} (inches). */
  static final double MIN_HEIGHT = 14.4;
  /** Space between the label and the left and right sides of the box. */
  static final double MARGIN_X = 8;
  /** Space between the label and the top and bottom of the box. */
  static final double MARGIN_Y = 4;

  /**
   * Validates and copies the lines.
   *
   * @param node the graph node
   * @param role its fill role
   * @param lines its label lines (a label {@code "\n (1, 1)"} has an empty first line)
   * @param width the box width in points
   * @param height the box height in points
   * @param fill the fill colour {@code 0xRRGGBB} ({@link TorchvizStatements#fill})
   * @param mark how a diff's drawing marks it
   */
  LabeledNode {
    Checks.notNull(node, "node");
    Checks.notNull(role, "role");
    lines = List.copyOf(Checks.notNull(lines, "label lines"));
    Checks.notNull(mark, "mark");
  }

  /**
   * A node without a mark.
   *
   * @param node the graph node
   * @param role its fill role
   * @param lines its label lines
   * @param width the box width in points
   * @param height the box height in points
   * @param fill the fill colour {@code 0xRRGGBB}
   */
  LabeledNode(Node node, Role role, List<String> lines, double width, double height, int fill) {
    this(node, role, lines, width, height, fill, Mark.NONE);
  }

  /**
   * Labels and sizes every node of a graph as torchviz draws it.
   *
   * @param graph the graph
   * @param metrics how to measure the label text
   * @return one entry per node, in graph order
   */
  static List<LabeledNode> of(Graph graph, TextMetrics metrics) {
    return of(TorchvizStatements.of(graph), metrics);
  }

  /**
   * Labels and sizes every node of a drawing.
   *
   * @param statements the graph's torchviz statements, which give labels and roles
   * @param metrics how to measure the label text
   * @return one entry per node, in graph order
   */
  static List<LabeledNode> of(TorchvizStatements statements, TextMetrics metrics) {
    Graph graph = statements.graph();
    List<LabeledNode> labeled = new ArrayList<>(graph.nodes().size());
    for (Node node : graph.nodes()) {
      List<String> lines = List.of(statements.label(node.id()).split("\n", -1));
      double textWidth = lines.stream().mapToDouble(metrics::width).max().orElse(0);
      // Graphviz rounds box sizes up to whole points.
      double width = Math.max(MIN_WIDTH, Math.ceil(textWidth + 2 * MARGIN_X));
      double height = Math.max(MIN_HEIGHT, Math.ceil(lines.size() * metrics.lineHeight() + 2 * MARGIN_Y));
      labeled.add(new LabeledNode(node, statements.role(node.id()), lines, width, height,
          statements.fill(node.id()), statements.mark(node.id())));
    }
    return labeled;
  }

  /**
   * Places this node with its top left corner at a point; label lines are centred horizontally and
   * the block of lines vertically.
   *
   * @param x left edge in points
   * @param y top edge in points
   * @param metrics the metrics the size was computed with
   * @return the node's layout
   */
  NodeLayout placeAt(double x, double y, TextMetrics metrics) {
    Box box = new Box(x, y, width, height);
    double top = y + (height - lines.size() * metrics.lineHeight()) / 2;
    List<TextLine> placed = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      double baseline = top + i * metrics.lineHeight() + metrics.baselineOffset();
      placed.add(new TextLine(line, box.centerX(), baseline, metrics.width(line)));
    }
    return new NodeLayout(node, role, box, placed, fill, mark);
  }
}
