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
 */
public record Layout(double width, double height, double fontSize, List<NodeLayout> nodes,
    List<EdgeLayout> edges) {

  /** Validates and copies the lists. */
  public Layout {
    Checks.check(Double.isFinite(width) && Double.isFinite(height) && width >= 0 && height >= 0,
        "layout size " + width + " x " + height + " is invalid; it must be finite and not negative");
    Checks.check(fontSize > 0, "font size " + fontSize + " is invalid; it must be positive");
    nodes = List.copyOf(Checks.notNull(nodes, "node layouts"));
    edges = List.copyOf(Checks.notNull(edges, "edge layouts"));
  }
}
