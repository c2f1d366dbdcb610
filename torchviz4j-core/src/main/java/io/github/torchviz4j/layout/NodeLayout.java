package io.github.torchviz4j.layout;

import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.drawing.Role;
import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * Where a node is drawn: its box, fill role and label lines. Immutable.
 *
 * @param node the graph node
 * @param role decides the fill colour (torchviz's last declaration of the node)
 * @param box the box, in points
 * @param lines the label lines, top to bottom, inside the box
 * @param fill the fill colour {@code 0xRRGGBB}: the role's, or a gradient's colour
 * @param mark how a diff's drawing marks the node (border and text), {@link Mark#NONE} otherwise
 */
public record NodeLayout(Node node, Role role, Box box, List<TextLine> lines, int fill,
    Mark mark) {

  /**
   * Validates and copies the lines.
   *
   * @param node the graph node
   * @param role decides the fill colour (torchviz's last declaration of the node)
   * @param box the box, in points
   * @param lines the label lines, top to bottom, inside the box
   * @param fill the fill colour {@code 0xRRGGBB}: the role's, or a gradient's colour
   * @param mark how a diff's drawing marks the node
   */
  public NodeLayout {
    Checks.notNull(node, "node");
    Checks.notNull(role, "role");
    Checks.notNull(box, "box");
    lines = List.copyOf(Checks.notNull(lines, "lines"));
    Checks.notNull(mark, "mark");
  }

  /**
   * A node without a mark.
   *
   * @param node the graph node
   * @param role decides the fill colour (torchviz's last declaration of the node)
   * @param box the box, in points
   * @param lines the label lines, top to bottom, inside the box
   * @param fill the fill colour {@code 0xRRGGBB}
   */
  public NodeLayout(Node node, Role role, Box box, List<TextLine> lines, int fill) {
    this(node, role, box, lines, fill, Mark.NONE);
  }

  /**
   * A node filled with its role's colour.
   *
   * @param node the graph node
   * @param role decides the fill colour
   * @param box the box
   * @param lines the label lines
   */
  public NodeLayout(Node node, Role role, Box box, List<TextLine> lines) {
    this(node, role, box, lines, role.rgb());
  }
}
