package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.EdgeLabel;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.TextLine;
import io.github.torchviz4j.layout.TextMetrics;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * The edge labels of one layout run: handed to ELK on the edges it routes, so that it places them
 * beside their edges and leaves room for them between the layers; labels of edges it does not
 * route go beside the middle of their route. Single use.
 */
final class EdgeLabels {
  /** Space between a label's text and its box, left and right, in points. */
  static final double PADDING = 2;

  private final List<String> texts;
  private final ElkLabel[] elkLabels;

  private EdgeLabels(List<String> texts, ElkLabel[] elkLabels) {
    this.texts = texts;
    this.elkLabels = elkLabels;
  }

  /**
   * Gives each labelled edge that ELK routes an ELK label sized to its text.
   *
   * @param texts one label per graph edge ("" for none), or empty for no labels at all
   * @param elkEdges the ELK edge of each graph edge, null where ELK routes none
   * @param metrics text metrics
   * @return the labels, to be placed after the layout
   */
  static EdgeLabels attach(List<String> texts, List<ElkEdge> elkEdges, TextMetrics metrics) {
    ElkLabel[] labels = new ElkLabel[texts.size()];
    for (int i = 0; i < texts.size() && i < elkEdges.size(); i++) {
      ElkEdge edge = elkEdges.get(i);
      if (!texts.get(i).isEmpty() && edge != null) {
        ElkLabel label = ElkGraphUtil.createLabel(texts.get(i), edge);
        label.setDimensions(metrics.width(texts.get(i)) + 2 * PADDING, metrics.lineHeight());
        label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
        labels[i] = label;
      }
    }
    return new EdgeLabels(texts, labels);
  }

  /**
   * Where the labels went.
   *
   * @param edges the laid-out edges, in graph order
   * @param offset how far ELK's drawing was moved
   * @param metrics text metrics
   * @return one label per labelled edge, in edge order
   */
  List<EdgeLabel> place(List<EdgeLayout> edges, Point offset, TextMetrics metrics) {
    List<EdgeLabel> placed = new ArrayList<>();
    for (int i = 0; i < texts.size() && i < edges.size(); i++) {
      String text = texts.get(i);
      if (text.isEmpty()) {
        continue;
      }
      double width = metrics.width(text) + 2 * PADDING;
      double height = metrics.lineHeight();
      Point corner = elkLabels[i] == null ? besideMiddle(edges.get(i).path(), height)
          : elkCorner(elkLabels[i], offset);
      Box box = new Box(corner.x(), corner.y(), width, height);
      double baseline = box.y() + (height - metrics.fontSize()) / 2 + metrics.baselineOffset();
      placed.add(new EdgeLabel(i, box, new TextLine(text, box.centerX(), baseline, metrics.width(text))));
    }
    return placed;
  }

  /**
   * The right end of the rightmost label.
   *
   * @param labels placed labels
   * @return their largest right edge plus a margin, 0 for none
   */
  static double right(List<EdgeLabel> labels) {
    double right = 0;
    for (EdgeLabel label : labels) {
      right = Math.max(right, label.box().maxX() + PADDING);
    }
    return right;
  }

  private static Point elkCorner(ElkLabel label, Point offset) {
    ElkEdge edge = (ElkEdge) label.getParent();
    Point origin = Clusters.absolute(edge.getContainingNode()).plus(offset);
    return new Point(origin.x() + label.getX(), origin.y() + label.getY());
  }

  /** Right of the middle of the route's longest segment. */
  private static Point besideMiddle(List<Point> path, double height) {
    int longest = 0;
    double length = -1;
    for (int k = 0; k + 1 < path.size(); k++) {
      double d = Math.hypot(path.get(k + 1).x() - path.get(k).x(), path.get(k + 1).y() - path.get(k).y());
      if (d > length) {
        length = d;
        longest = k;
      }
    }
    Point a = path.get(longest);
    Point b = path.get(longest + 1);
    return new Point((a.x() + b.x()) / 2 + 3, (a.y() + b.y()) / 2 - height / 2);
  }
}
