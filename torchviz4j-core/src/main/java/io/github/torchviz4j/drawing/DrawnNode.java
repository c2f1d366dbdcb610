package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * One node as a drawing shows it. Immutable.
 *
 * @param node the node: of the graph, a collapsed module's box, or a legend note
 * @param role the part it plays, which decides its colour (torchviz's last declaration)
 * @param lines its label, top to bottom
 * @param fill its fill colour {@code 0xRRGGBB}: the role's, or its gradient's
 * @param cluster the module path of the cluster it is drawn in, empty for none
 * @param mark how a diff's drawing marks it, {@link Mark#NONE} in other drawings
 */
public record DrawnNode(Node node, Role role, List<String> lines, int fill, String cluster, Mark mark) {

  /**
   * Validates the fields and copies the lines.
   *
   * @param node the node
   * @param role its role
   * @param lines its label lines
   * @param fill its fill colour
   * @param cluster its cluster's module path, empty for none
   * @param mark its mark
   */
  public DrawnNode {
    Checks.notNull(node, "node");
    Checks.notNull(role, "role");
    lines = List.copyOf(Checks.notNull(lines, "lines"));
    Checks.notNull(cluster, "cluster");
    Checks.notNull(mark, "mark");
  }

  /**
   * A node without a mark.
   *
   * @param node the node
   * @param role its role
   * @param lines its label lines
   * @param fill its fill colour
   * @param cluster its cluster's module path, empty for none
   */
  public DrawnNode(Node node, Role role, List<String> lines, int fill, String cluster) {
    this(node, role, lines, fill, cluster, Mark.NONE);
  }
}
