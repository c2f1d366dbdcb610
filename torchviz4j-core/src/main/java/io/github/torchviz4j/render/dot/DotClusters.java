package io.github.torchviz4j.render.dot;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.drawing.ModuleTitles;
import io.github.torchviz4j.graph.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Module clusters in DOT: one {@code subgraph cluster_<path>} per module level that holds nodes,
 * nested as the modules are, dashed and titled as the embedded renderer draws them. The nodes are
 * declared by torchviz's statements before; naming a node in a cluster moves it there.
 */
final class DotClusters {
  /** One module level: the nodes directly in it and the levels inside it. */
  private static final class Level {
    final List<String> nodeIds = new ArrayList<>();
    final Map<String, Level> children = new LinkedHashMap<>();
  }

  private DotClusters() {}

  /**
   * Appends the clusters of a graph, one tab deep, each line ending in a newline; nothing when
   * no node has a module path.
   *
   * @param graph the graph, module paths on its nodes
   * @param out where to append
   */
  static void append(Graph graph, StringBuilder out) {
    Level root = new Level();
    for (Node node : graph.nodes()) {
      Level level = root;
      for (String path : ModuleLevels.of(node.modulePath())) {
        level = level.children.computeIfAbsent(path, p -> new Level());
      }
      if (level != root) {
        level.nodeIds.add(node.id());
      }
    }
    ModuleTitles titles = ModuleTitles.of(graph);
    root.children.forEach((path, level) -> appendLevel(path, level, titles, "\t", out));
  }

  private static void appendLevel(String path, Level level, ModuleTitles titles, String indent, StringBuilder out) {
    out.append(indent).append("subgraph ").append(DotWriter.quote("cluster_" + path)).append(" {\n");
    out.append(indent).append("\tgraph [label=").append(DotWriter.quoteLabel(titles.title(path)))
        .append(" fontname=monospace fontsize=10 labeljust=l style=dashed]\n");
    for (String id : level.nodeIds) {
      out.append(indent).append('\t').append(DotWriter.quote(id)).append('\n');
    }
    level.children.forEach((child, inner) -> appendLevel(child, inner, titles, indent + "\t", out));
    out.append(indent).append("}\n");
  }
}
