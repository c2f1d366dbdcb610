package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.drawing.Marks;
import io.github.torchviz4j.drawing.ModuleTitles;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.ClusterLayout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.TextMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * The module clusters of one layout: one ELK compound node per module level that holds nodes,
 * nested as the modules are, laid out in one pass with the whole hierarchy. Single use.
 */
final class Clusters {
  private final Graph graph;
  private final ElkNode root;
  private final LayoutOptions options;
  private final TextMetrics metrics;
  private final int nodeCount;
  private final Map<String, ElkNode> byPath = new LinkedHashMap<>();
  private final ModuleTitles titles;

  Clusters(Graph graph, ElkNode root, LayoutOptions options, TextMetrics metrics, int nodeCount, Marks marks) {
    this.graph = graph;
    this.root = root;
    this.options = options;
    this.metrics = metrics;
    this.nodeCount = nodeCount;
    this.titles = ModuleTitles.of(graph, marks);
  }

  boolean isEmpty() {
    return byPath.isEmpty();
  }

  /** The ELK node a graph node goes in: its module's cluster, created with its ancestors. */
  ElkNode containerOf(Node node) {
    ElkNode container = root;
    for (String level : ModuleLevels.of(node.modulePath())) {
      ElkNode parent = container;
      container = byPath.computeIfAbsent(level, path -> createCluster(parent, path));
    }
    return container;
  }

  private ElkNode createCluster(ElkNode parent, String path) {
    root.setProperty(LayeredOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
    // ELK 0.12.1's model-order sorting throws a NullPointerException in compound graphs.
    root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NONE);
    ElkNode cluster = ElkGraphUtil.createNode(parent);
    ElkOptions.apply(cluster, options, nodeCount);
    // ELK lays each cluster out with its own settings: straight columns when the graph has them.
    cluster.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY,
        root.getProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY));
    cluster.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NONE);
    double top = ClusterLayout.PADDING + metrics.lineHeight() + ClusterLayout.PADDING / 2;
    cluster.setProperty(LayeredOptions.PADDING,
        new ElkPadding(top, ClusterLayout.PADDING, ClusterLayout.PADDING, ClusterLayout.PADDING));
    cluster.setProperty(LayeredOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
    // A cluster is at least as wide as its title, so that no title sticks out to be crossed by
    // edges: ELK's minimum size does not hold for hierarchical nodes, so an invisible strut as wide
    // as the title, without edges, sits in the cluster's first layer.
    ElkNode strut = ElkGraphUtil.createNode(cluster);
    strut.setDimensions(metrics.width(titles.title(path)), 1);
    return cluster;
  }

  /**
   * The laid-out clusters, outer before inner.
   *
   * @param offset how far ELK's drawing moves in the layout
   * @return one layout per cluster
   */
  List<ClusterLayout> layouts(Point offset) {
    List<ClusterLayout> layouts = new ArrayList<>(byPath.size());
    for (Map.Entry<String, ElkNode> entry : byPath.entrySet()) {
      ElkNode cluster = entry.getValue();
      Point origin = absolute(cluster).plus(offset);
      Box box = new Box(origin.x(), origin.y(), cluster.getWidth(), cluster.getHeight());
      double baseline = origin.y() + ClusterLayout.PADDING + metrics.baselineOffset();
      layouts.add(new ClusterLayout(entry.getKey(), titles.title(entry.getKey()), box, baseline));
    }
    return layouts;
  }

  /** A node's position relative to the root: ELK gives positions relative to the parent. */
  static Point absolute(ElkNode node) {
    double x = 0;
    double y = 0;
    for (ElkNode current = node; current != null && current.getParent() != null; current = current.getParent()) {
      x += current.getX();
      y += current.getY();
    }
    return new Point(x, y);
  }
}
