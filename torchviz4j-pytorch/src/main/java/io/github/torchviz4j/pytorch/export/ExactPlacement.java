package io.github.torchviz4j.pytorch.export;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.pytorch.export.Interpreter.Span;
import io.github.torchviz4j.pytorch.export.ProgramJson.ModuleFrame;
import io.github.torchviz4j.pytorch.export.ProgramJson.OpNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places the nodes of a graph captured from an exported program in modules, from each op's
 * {@code nn_module_stack}, with no heuristics: a backward function belongs to the module of the op
 * that created it (its sequence number lies in that op's span), a parameter and its AccumulateGrad
 * to the module that owns the parameter, a saved tensor to its function; everything else (outputs,
 * view bases, unnamed leaves) to the root. Stateless.
 */
final class ExactPlacement {
  private ExactPlacement() {}

  /**
   * @param graph a captured graph
   * @param spans the op spans of the run the graph was captured from, in run order
   * @param parameters the names of the program's parameters
   * @return the graph with every node's module path set, and the modules listed with their classes
   */
  static Graph place(Graph graph, List<Span> spans, Set<String> parameters) {
    TreeMap<Long, Span> byFirst = new TreeMap<>();
    Map<String, String> classes = new HashMap<>();
    for (Span span : spans) {
      if (span.end() > span.first()) {
        byFirst.put(span.first(), span);
      }
      for (ModuleFrame frame : span.node().moduleStack()) {
        classes.putIfAbsent(frame.path(), simpleName(frame.className()));
      }
    }
    Map<String, String> paths = new HashMap<>();
    for (Node node : graph.nodes()) {
      if (node.kind() == NodeKind.FUNCTION && node.sequenceNr() >= 0) {
        Map.Entry<Long, Span> entry = byFirst.floorEntry(node.sequenceNr());
        if (entry != null && node.sequenceNr() < entry.getValue().end()) {
          paths.put(node.id(), entry.getValue().node().modulePath());
        }
      }
    }
    for (Edge edge : graph.edges()) {
      Node tail = graph.node(edge.tail());
      if (edge.kind() == EdgeKind.LEAF && parameters.contains(tail.name())) {
        String owner = ModuleInfo.parentOf(tail.name());
        paths.put(tail.id(), owner);
        paths.put(edge.head(), owner);
      }
    }
    for (Edge edge : graph.edges()) {
      if (edge.kind() == EdgeKind.SAVED) {
        paths.put(edge.head(), paths.getOrDefault(edge.tail(), ""));
      }
    }
    List<Node> nodes = new ArrayList<>(graph.nodes().size());
    Set<String> used = new TreeSet<>();
    for (Node node : graph.nodes()) {
      String path = paths.getOrDefault(node.id(), "");
      nodes.add(node.withModulePath(path));
      for (String p = path; !p.isEmpty(); p = ModuleInfo.parentOf(p)) {
        used.add(p);
      }
    }
    List<ModuleInfo> modules = used.stream().map(p -> new ModuleInfo(p, classes.getOrDefault(p, ""))).toList();
    return graph.withNodes(nodes, modules);
  }

  /** @return {@code Linear} for {@code torch.nn.modules.linear.Linear} */
  static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** @return the module classes named by the program's nodes, by path */
  static Map<String, String> classes(List<OpNode> nodes) {
    Map<String, String> classes = new HashMap<>();
    for (OpNode node : nodes) {
      for (ModuleFrame frame : node.moduleStack()) {
        classes.putIfAbsent(frame.path(), simpleName(frame.className()));
      }
    }
    return classes;
  }
}
