package io.github.torchviz4j.layout;

import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.internal.Checks;
import java.util.List;

/**
 * Where an edge is drawn: a polyline and, unless the edge has none, a filled arrowhead whose tip
 * touches the head node's border. As in Graphviz, the polyline stops at the base of the
 * arrowhead, so a thick stroke does not poke through the tip. Immutable.
 *
 * @param edge the graph edge
 * @param path at least two points, from the tail's border to the arrowhead's base (or to the
 *     head's border when there is no arrowhead)
 * @param arrowhead the arrowhead's corners (tip first), or empty for edges drawn without one
 * @param mark how a diff's drawing marks the edge (colour, width, dash), {@link Mark#NONE} otherwise
 */
public record EdgeLayout(Edge edge, List<Point> path, List<Point> arrowhead,
    Mark mark) {

  /**
   * Validates and copies the points.
   *
   * @param edge the graph edge
   * @param path at least two points, from the tail's border to the arrowhead's base (or to the
   *     head's border when there is no arrowhead)
   * @param arrowhead the arrowhead's corners (tip first), or empty for edges drawn without one
   * @param mark how a diff's drawing marks the edge
   */
  public EdgeLayout {
    Checks.notNull(edge, "edge");
    path = List.copyOf(Checks.notNull(path, "edge path"));
    arrowhead = List.copyOf(Checks.notNull(arrowhead, "arrowhead"));
    Checks.check(path.size() >= 2, "edge path has " + path.size() + " points; it needs at least 2");
    Checks.notNull(mark, "mark");
  }

  /**
   * An edge without a mark.
   *
   * @param edge the graph edge
   * @param path at least two points
   * @param arrowhead the arrowhead's corners (tip first), or empty
   */
  public EdgeLayout(Edge edge, List<Point> path, List<Point> arrowhead) {
    this(edge, path, arrowhead, Mark.NONE);
  }

  /**
   * This edge with a mark.
   *
   * @param newMark how a diff's drawing marks it
   * @return the marked edge
   */
  public EdgeLayout withMark(Mark newMark) {
    return new EdgeLayout(edge, path, arrowhead, newMark);
  }

  /**
   * Lays out an edge along a route, adding the arrowhead its kind calls for.
   *
   * @param edge the edge
   * @param route from the tail's border to the head's border, at least two points
   * @return the edge layout
   */
  public static EdgeLayout along(Edge edge, List<Point> route) {
    return hasArrowhead(edge.kind()) ? Arrowheads.attach(edge, route) : new EdgeLayout(edge, route, List.of());
  }

  /**
   * Whether torchviz draws edges of a kind with an arrowhead.
   *
   * @param kind the edge kind
   * @return false for {@link EdgeKind#SAVED} ({@code dir=none}), true otherwise
   */
  public static boolean hasArrowhead(EdgeKind kind) {
    return kind != EdgeKind.SAVED;
  }

  /** @return whether the edge is dotted: the base of a view to the view, as torchviz draws it */
  public boolean dotted() {
    return edge.kind() == EdgeKind.VIEW;
  }

  /** @return where the edge visibly ends: the arrowhead's tip, or the path's last point */
  public Point end() {
    return arrowhead.isEmpty() ? path.get(path.size() - 1) : arrowhead.get(0);
  }
}
