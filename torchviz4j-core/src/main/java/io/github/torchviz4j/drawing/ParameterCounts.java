package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many parameter elements each module holds, counted from the named leaves of a graph (each
 * parameter once, its elements the product of its shape) and from the boxes of collapsed modules,
 * so that a cluster around collapsed boxes still counts what is inside them. Immutable.
 */
public final class ParameterCounts {
  private final Map<String, Long> byModule;

  private ParameterCounts(Map<String, Long> byModule) {
    this.byModule = Map.copyOf(byModule);
  }

  /**
   * Counts the parameters of a graph.
   *
   * @param graph a graph whose parameter leaves carry their names
   * @return the counts
   */
  public static ParameterCounts of(Graph graph) {
    Map<String, Long> counts = new HashMap<>();
    Map<String, Integer> folded = new HashMap<>();
    graph.modules().stream().filter(m -> m.count() > 1).forEach(m -> folded.put(m.path(), m.count()));
    Set<String> counted = new HashSet<>();
    for (Edge edge : graph.edges()) {
      Node leaf = graph.node(edge.tail());
      if (edge.kind() == EdgeKind.LEAF && !leaf.name().isEmpty() && counted.add(leaf.id())) {
        addUp(counts, folded, ModuleInfo.parentOf(leaf.name()), leaf.elements());
      }
    }
    for (Node node : graph.nodes()) {
      // A collapsed module's box stands for the parameters inside it (ModuleCollapse).
      if (node.kind() == NodeKind.MODULE) {
        addUp(counts, folded, node.name(), collapsedParameters(node));
      }
    }
    return new ParameterCounts(counts);
  }

  /**
   * Adds a module's parameters to it and its ancestors. A folded module ({@code ModuleFold}) is
   * drawn once and counts one copy; its ancestors count every copy.
   */
  private static void addUp(Map<String, Long> counts, Map<String, Integer> folded, String module, long elements) {
    long factor = 1;
    for (String path = module; elements > 0; path = ModuleInfo.parentOf(path)) {
      counts.merge(path, elements * factor, Long::sum);
      factor *= folded.getOrDefault(path, 1);
      if (path.isEmpty()) {
        break;
      }
    }
  }

  private static long collapsedParameters(Node box) {
    for (Attribute attribute : box.attributes()) {
      if (attribute.name().equals("params")) {
        try {
          return Long.parseLong(attribute.value().pythonText().replace(",", ""));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  /**
   * The parameters of a module and everything inside it.
   *
   * @param modulePath a module path; empty for the whole model
   * @return the number of parameter elements, 0 when it has none
   */
  public long of(String modulePath) {
    return byModule.getOrDefault(modulePath, 0L);
  }

  /** @return the parameters of the whole model */
  public long total() {
    return of("");
  }
}
