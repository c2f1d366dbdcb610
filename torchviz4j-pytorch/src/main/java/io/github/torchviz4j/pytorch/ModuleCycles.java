package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps module boxes from forming cycles. Inside each module, its children's boxes and its own
 * nodes form a graph (one vertex per child box, one per own node); when that graph has a cycle,
 * a layered layout must draw one of its edges upwards. Every child box on a cycle is opened: its
 * nodes move up into the module. Stateless.
 *
 * <p>Postcondition: for every module, the graph of its children's boxes and own nodes is acyclic,
 * so every collapsed view ({@code ModuleCollapse} in core's drawing stage) and every clustered drawing of an acyclic graph
 * is acyclic too.
 */
final class ModuleCycles {
  private ModuleCycles() {}

  /**
   * Opens the child boxes that lie on cycles, outermost modules first.
   *
   * @param graph the graph (acyclic)
   * @param paths node id to module path; changed in place
   * @return how many nodes moved
   */
  static int open(Graph graph, Map<String, String> paths) {
    Map<String, List<Edge>> byModule = new HashMap<>();
    for (Edge edge : graph.edges()) {
      String common = ModuleInfo.commonAncestor(path(paths, edge.tail()), path(paths, edge.head()));
      byModule.computeIfAbsent(common, k -> new ArrayList<>()).add(edge);
    }
    List<String> outerFirst = new ArrayList<>(byModule.keySet());
    outerFirst.sort(Comparator.comparingInt((String p) -> p.isEmpty() ? 0 : p.split("\\.").length)
        .thenComparing(Comparator.naturalOrder()));
    int moved = 0;
    for (String module : outerFirst) {
      Set<String> cyclic = cyclicChildren(module, byModule.get(module), paths);
      if (cyclic.isEmpty()) {
        continue;
      }
      for (Map.Entry<String, String> entry : paths.entrySet()) {
        String child = childOf(module, entry.getValue());
        if (child != null && cyclic.contains(child)) {
          entry.setValue(module);
          moved++;
        }
      }
    }
    return moved;
  }

  private static String path(Map<String, String> paths, String id) {
    return paths.getOrDefault(id, "");
  }

  /** The child of {@code module} that holds {@code path}, or null when {@code path} is the module. */
  private static String childOf(String module, String path) {
    if (path.equals(module) || !ModuleInfo.isWithin(path, module)) {
      return null;
    }
    int start = module.isEmpty() ? 0 : module.length() + 1;
    int dot = path.indexOf('.', start);
    return dot < 0 ? path : path.substring(0, dot);
  }

  /** The children of {@code module} that lie on a cycle of its box graph (Tarjan, iterative). */
  private static Set<String> cyclicChildren(String module, List<Edge> edges, Map<String, String> paths) {
    Map<String, List<String>> next = new LinkedHashMap<>();
    for (Edge edge : edges) {
      String tailPath = path(paths, edge.tail());
      String headPath = path(paths, edge.head());
      if (!ModuleInfo.isWithin(tailPath, module) || !ModuleInfo.isWithin(headPath, module)) {
        continue; // an edge whose ends were moved up by an outer module: handled there
      }
      String tail = vertex(module, tailPath, edge.tail());
      String head = vertex(module, headPath, edge.head());
      if (!tail.equals(head)) {
        next.computeIfAbsent(tail, k -> new ArrayList<>()).add(head);
        next.computeIfAbsent(head, k -> new ArrayList<>());
      }
    }
    Set<String> cyclic = new HashSet<>();
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    for (String start : next.keySet()) {
      if (index.containsKey(start)) {
        continue;
      }
      Deque<Object[]> work = new ArrayDeque<>();
      work.push(new Object[] {start, 0});
      while (!work.isEmpty()) {
        Object[] frame = work.peek();
        String vertex = (String) frame[0];
        int position = (Integer) frame[1];
        if (position == 0 && !index.containsKey(vertex)) {
          index.put(vertex, index.size());
          low.put(vertex, index.get(vertex));
          stack.push(vertex);
          onStack.add(vertex);
        }
        List<String> successors = next.get(vertex);
        if (position < successors.size()) {
          frame[1] = position + 1;
          String successor = successors.get(position);
          if (!index.containsKey(successor)) {
            work.push(new Object[] {successor, 0});
          } else if (onStack.contains(successor)) {
            low.put(vertex, Math.min(low.get(vertex), index.get(successor)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = (String) work.peek()[0];
          low.put(parent, Math.min(low.get(parent), low.get(vertex)));
        }
        if (low.get(vertex).equals(index.get(vertex))) {
          List<String> component = new ArrayList<>();
          String member;
          do {
            member = stack.pop();
            onStack.remove(member);
            component.add(member);
          } while (!member.equals(vertex));
          if (component.size() > 1) {
            for (String box : component) {
              if (box.startsWith("box:")) {
                cyclic.add(box.substring(4));
              }
            }
          }
        }
      }
    }
    return cyclic;
  }

  private static String vertex(String module, String path, String id) {
    String child = childOf(module, path);
    return child == null ? "node:" + id : "box:" + child;
  }
}
