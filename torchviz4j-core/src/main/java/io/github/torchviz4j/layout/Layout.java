package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * A graph laid out for drawing: node boxes and edge routes in points (1/72 inch), origin at the
 * top left, y growing downwards, everything inside {@code width x height} (margins included).
 * Writers only paint what it says. Immutable.
 *
 * @param width the drawing's width in points
 * @param height the drawing's height in points
 * @param fontSize the label font size in points
 * @param nodes one entry per graph node, in graph order
 * @param edges one entry per graph edge, in graph order
 * @param clusters one dashed box per module, outer modules before the modules inside them; empty
 *     when the graph's nodes carry no module paths
 * @param edgeLabels the labels placed beside edges, in edge order (gradients of a backward pass);
 *     empty when the drawing labels no edge
 */
public record Layout(double width, double height, double fontSize, List<NodeLayout> nodes,
    List<EdgeLayout> edges, List<ClusterLayout> clusters, List<EdgeLabel> edgeLabels) {

  /**
   * Validates and copies the lists.
   *
   * @param width the drawing's width in points
   * @param height the drawing's height in points
   * @param fontSize the label font size in points
   * @param nodes one entry per graph node, in graph order
   * @param edges one entry per graph edge, in graph order
   * @param clusters one dashed box per module, outer modules before the modules inside them; empty
   *     when the graph's nodes carry no module paths
   * @param edgeLabels the labels placed beside edges, each naming an edge of {@code edges}
   */
  public Layout {
    Checks.check(Double.isFinite(width) && Double.isFinite(height) && width >= 0 && height >= 0,
        "layout size " + width + " x " + height + " is invalid; it must be finite and not negative");
    Checks.check(fontSize > 0, "font size " + fontSize + " is invalid; it must be positive");
    nodes = List.copyOf(Checks.notNull(nodes, "node layouts"));
    edges = List.copyOf(Checks.notNull(edges, "edge layouts"));
    clusters = List.copyOf(Checks.notNull(clusters, "cluster layouts"));
    edgeLabels = List.copyOf(Checks.notNull(edgeLabels, "edge labels"));
    for (EdgeLabel label : edgeLabels) {
      Checks.check(label.edge() < edges.size(), "edge label of edge " + label.edge() + " but the layout has "
          + edges.size() + " edges; label only laid-out edges");
    }
  }

  /**
   * A layout without edge labels.
   *
   * @param width the drawing's width in points
   * @param height the drawing's height in points
   * @param fontSize the label font size in points
   * @param nodes one entry per graph node, in graph order
   * @param edges one entry per graph edge, in graph order
   * @param clusters one dashed box per module, outer modules first
   */
  public Layout(double width, double height, double fontSize, List<NodeLayout> nodes, List<EdgeLayout> edges,
      List<ClusterLayout> clusters) {
    this(width, height, fontSize, nodes, edges, clusters, List.of());
  }

  /**
   * A layout without module clusters.
   *
   * @param width the drawing's width in points
   * @param height the drawing's height in points
   * @param fontSize the label font size in points
   * @param nodes one entry per graph node
   * @param edges one entry per graph edge
   */
  public Layout(double width, double height, double fontSize, List<NodeLayout> nodes, List<EdgeLayout> edges) {
    this(width, height, fontSize, nodes, edges, List.of());
  }
}
