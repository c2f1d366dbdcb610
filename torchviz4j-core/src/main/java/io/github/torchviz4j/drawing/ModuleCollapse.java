package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.AttributeValue.TextValue;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.SavedBytes;
import io.github.torchviz4j.internal.Thousands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * torchview's {@code depth}: every module at a given depth becomes one box standing for all the
 * nodes inside it, labelled with its path, class, parameter count and the shapes of the tensors
 * entering and leaving it; edges to and from its insides are rerouted to the box. Stateless.
 */
final class ModuleCollapse {
  private static final String ID_PREFIX = "module:";

  private ModuleCollapse() {}

  /**
   * Collapses the modules at a depth.
   *
   * @param graph a graph whose nodes carry module paths ({@code ModulePlacement} in torchviz4j-pytorch)
   * @param depth 1 for the outermost modules (see {@link ModuleLevels}); 0 returns the graph as is
   * @return a graph with one {@link NodeKind#MODULE} node per module at that depth
   */
  static Graph collapse(Graph graph, int depth) {
    if (depth <= 0) {
      return graph;
    }
    Map<String, String> boxOf = new HashMap<>();
    Map<String, List<Node>> members = new LinkedHashMap<>();
    for (Node node : graph.nodes()) {
      List<String> levels = ModuleLevels.of(node.modulePath());
      if (levels.size() >= depth && !graph.outputs().contains(node.id())) {
        String box = levels.get(depth - 1);
        boxOf.put(node.id(), ID_PREFIX + box);
        members.computeIfAbsent(box, k -> new ArrayList<>()).add(node);
      }
    }
    List<Edge> edges = reroute(graph, boxOf);
    List<Node> nodes = new ArrayList<>();
    Set<String> added = new HashSet<>();
    ParameterCounts parameters = ParameterCounts.of(graph);
    for (Node node : graph.nodes()) {
      String box = boxOf.get(node.id());
      if (box == null) {
        nodes.add(node);
      } else if (added.add(box)) {
        String path = box.substring(ID_PREFIX.length());
        nodes.add(moduleNode(graph, path, members.get(path), edges, parameters));
      }
    }
    return new Graph(nodes, edges, graph.outputs(), graph.modules(), graph.unusedParameters());
  }

  private static List<Edge> reroute(Graph graph, Map<String, String> boxOf) {
    Set<List<Object>> seen = new HashSet<>();
    List<Edge> edges = new ArrayList<>();
    for (Edge edge : graph.edges()) {
      String tail = boxOf.getOrDefault(edge.tail(), edge.tail());
      String head = boxOf.getOrDefault(edge.head(), edge.head());
      boolean rerouted = !tail.equals(edge.tail()) || !head.equals(edge.head());
      if (tail.equals(head)) {
        continue;
      }
      if (!rerouted) {
        edges.add(edge);
      } else if (seen.add(List.of(tail, head, edge.kind(), edge.shape()))) {
        edges.add(new Edge(tail, head, edge.kind(), edge.name(), edge.shape()));
      }
    }
    return edges;
  }

  private static Node moduleNode(Graph graph, String path, List<Node> inside, List<Edge> edges,
      ParameterCounts parameters) {
    String id = ID_PREFIX + path;
    List<Attribute> attributes = new ArrayList<>();
    String className = graph.module(path).displayClass();
    if (!className.isEmpty()) {
      attributes.add(new Attribute("class", new TextValue(className)));
    }
    attributes.add(new Attribute("params", new TextValue(Thousands.grouped(parameters.of(path)))));
    attributes.add(new Attribute("nodes", new TextValue(String.valueOf(inside.size()))));
    attributes.add(new Attribute("in", new TextValue(shapes(graph, edges, e -> e.head().equals(id)))));
    attributes.add(new Attribute("out", new TextValue(shapes(graph, edges, e -> e.tail().equals(id)))));
    SavedBytes saved = savedInside(inside);
    if (saved.total() > 0) {
      attributes.add(new Attribute("saved", new TextValue(SavedTotals.text(saved))));
    }
    List<String> levels = ModuleLevels.of(path);
    String parent = levels.size() >= 2 ? levels.get(levels.size() - 2) : "";
    return new Node(id, NodeKind.MODULE, path, List.of(), attributes, parent, -1)
        .withSaved(saved);
  }

  /** What the module's functions hold for backward, so that the collapsed graph keeps its total. */
  private static SavedBytes savedInside(List<Node> inside) {
    List<SavedBytes> measured = inside.stream().map(Node::saved).filter(SavedBytes::measured).toList();
    if (measured.isEmpty()) {
      return SavedBytes.NOT_MEASURED;
    }
    return new SavedBytes(measured.stream().mapToLong(SavedBytes::total).sum(),
        measured.stream().mapToLong(SavedBytes::parameters).sum());
  }

  /** Shapes carried by INPUT edges, and for an output the output tensor's own shape. */
  private static String shapes(Graph graph, List<Edge> edges, Predicate<Edge> side) {
    Set<String> shapes = new LinkedHashSet<>();
    for (Edge edge : edges) {
      if (!side.test(edge)) {
        continue;
      }
      List<Long> shape = edge.kind() == EdgeKind.OUTPUT ? graph.node(edge.head()).shape()
          : edge.kind() == EdgeKind.INPUT ? edge.shape() : null;
      if (shape != null && (edge.kind() == EdgeKind.OUTPUT || !shape.isEmpty())) {
        shapes.add(Node.shapeText(shape));
      }
    }
    return shapes.isEmpty() ? "-" : String.join(" ", shapes);
  }
}
