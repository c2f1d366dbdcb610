package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.TorchvizStatements;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.LabeledNode;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutEngine;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.TextMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays graphs out with Eclipse ELK Layered: layers top to bottom, orthogonal edge routes, boxes
 * sized to their labels in the bundled font. Stateless and thread-safe; each call builds its own
 * ELK graph and runs ELK on its own large-stack thread.
 *
 * <p>Edges run downwards except in a cyclic graph, where ELK reverses the edges it needs to break
 * the cycles; autograd graphs are acyclic.
 *
 * <pre>{@code
 * Layout layout = new ElkLayoutEngine().layout(graph, LayoutOptions.defaults());
 * }</pre>
 */
public final class ElkLayoutEngine implements LayoutEngine {

  /** Creates the engine. */
  public ElkLayoutEngine() {
    // stateless
  }

  @Override
  public Layout layout(TorchvizStatements drawing, LayoutOptions options) {
    Checks.notNull(drawing, "drawing");
    Checks.notNull(options, "layout options");
    Graph graph = drawing.graph();
    TextMetrics metrics = TextMetrics.defaults();
    List<LabeledNode> labeled = LabeledNode.of(drawing, metrics);
    return LargeStackThread.call("laying out " + graph.nodes().size() + " nodes with ELK",
        () -> run(graph, options, metrics, labeled));
  }

  private static Layout run(Graph graph, LayoutOptions options, TextMetrics metrics,
      List<LabeledNode> labeled) {
    ElkNode root = ElkGraphUtil.createGraph();
    ElkOptions.apply(root, options, labeled.size());
    Clusters clusters = new Clusters(graph, root, options, metrics, labeled.size());
    Map<String, ElkNode> elkNodes = new HashMap<>();
    for (LabeledNode node : labeled) {
      ElkNode elkNode = ElkGraphUtil.createNode(clusters.containerOf(node.node()));
      elkNode.setDimensions(node.width(), node.height());
      elkNodes.put(node.node().id(), elkNode);
    }
    List<ElkEdge> elkEdges = new ArrayList<>(graph.edges().size());
    for (Edge edge : graph.edges()) {
      ElkEdge elkEdge = ElkGraphUtil.createEdge(clusters.isEmpty() ? root : null);
      elkEdge.getSources().add(elkNodes.get(edge.tail()));
      elkEdge.getTargets().add(elkNodes.get(edge.head()));
      if (!clusters.isEmpty()) {
        // Edges between clusters belong to the innermost cluster holding both ends.
        ElkGraphUtil.updateContainment(elkEdge);
      }
      elkEdges.add(elkEdge);
    }

    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    List<NodeLayout> nodes = new ArrayList<>(labeled.size());
    Map<String, NodeLayout> placed = new HashMap<>();
    for (LabeledNode node : labeled) {
      Point origin = Clusters.absolute(elkNodes.get(node.node().id()));
      NodeLayout layout = node.placeAt(origin.x(), origin.y(), metrics);
      nodes.add(layout);
      placed.put(node.node().id(), layout);
    }
    List<EdgeLayout> edges = new ArrayList<>(elkEdges.size());
    for (int i = 0; i < elkEdges.size(); i++) {
      Edge edge = graph.edges().get(i);
      ElkEdge elkEdge = elkEdges.get(i);
      Point offset = Clusters.absolute(elkEdge.getContainingNode());
      edges.add(EdgeLayout.along(edge, route(elkEdge, offset, placed.get(edge.tail()), placed.get(edge.head()))));
    }
    return new Layout(root.getWidth(), root.getHeight(), metrics.fontSize(), nodes, edges, clusters.layouts());
  }

  /**
   * The edge's sections as one polyline in absolute coordinates, repeated points dropped; ELK
   * gives them relative to the edge's containing node.
   */
  private static List<Point> route(ElkEdge edge, Point offset, NodeLayout tail, NodeLayout head) {
    List<Point> points = new ArrayList<>();
    for (ElkEdgeSection section : edge.getSections()) {
      add(points, new Point(offset.x() + section.getStartX(), offset.y() + section.getStartY()));
      for (ElkBendPoint bend : section.getBendPoints()) {
        add(points, new Point(offset.x() + bend.getX(), offset.y() + bend.getY()));
      }
      add(points, new Point(offset.x() + section.getEndX(), offset.y() + section.getEndY()));
    }
    if (points.size() < 2) {
      // ELK routes every edge; should one come back empty, draw it straight rather than fail.
      points.clear();
      points.add(new Point(tail.box().centerX(), tail.box().maxY()));
      points.add(new Point(head.box().centerX(), head.box().y()));
    }
    return points;
  }

  private static void add(List<Point> points, Point point) {
    if (points.isEmpty() || !points.get(points.size() - 1).equals(point)) {
      points.add(point);
    }
  }
}
