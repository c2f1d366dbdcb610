package io.github.torchviz4j.layout;

import io.github.torchviz4j.graph.Edge;
import java.util.ArrayList;
import java.util.List;

/** Graphviz's default arrowhead ("normal"): a triangle 10 pt long and 7 pt wide. */
final class Arrowheads {
  static final double LENGTH = 10;
  static final double HALF_WIDTH = 3.5;

  private Arrowheads() {}

  /**
   * Shortens the route's last segment by the arrow's length and puts the arrowhead there. If the
   * last segment is shorter than the arrow (routers do not promise room), the arrow shrinks to it
   * so the tip still touches the head's border and the path never turns back on itself.
   */
  static EdgeLayout attach(Edge edge, List<Point> route) {
    int last = route.size() - 1;
    Point tip = route.get(last);
    Point from = route.get(last - 1);
    double segment = from.distanceTo(tip);
    if (segment == 0) {
      return new EdgeLayout(edge, route, List.of());
    }
    double length = Math.min(LENGTH, segment);
    double halfWidth = HALF_WIDTH * length / LENGTH;
    double ux = (tip.x() - from.x()) / segment;
    double uy = (tip.y() - from.y()) / segment;
    Point base = new Point(tip.x() - ux * length, tip.y() - uy * length);
    List<Point> path = new ArrayList<>(route.subList(0, last));
    if (length < segment) {
      path.add(base);
    } else if (path.size() < 2) {
      path.add(base);
    }
    List<Point> head = List.of(tip,
        new Point(base.x() - uy * halfWidth, base.y() + ux * halfWidth),
        new Point(base.x() + uy * halfWidth, base.y() - ux * halfWidth));
    return new EdgeLayout(edge, path, head);
  }
}
